package edition

import "time"

// QuickPutRetries makes failing memory writes retry without waiting, for the
// length of a test.
func QuickPutRetries(cleanup func(func())) {
	old := putAttempts
	putAttempts = []time.Duration{0, 0, 0}
	cleanup(func() { putAttempts = old })
}
