package translate

import "context"

// Preparer is implemented by backends that can check a language pair, and get
// ready to translate it, before the first request: an unsupported pair is then
// reported before any article is read, and start-up costs (processes, model
// loading) are paid once per run.
type Preparer interface {
	Prepare(ctx context.Context, from, to string) error
}
