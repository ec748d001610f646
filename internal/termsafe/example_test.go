package termsafe_test

import (
	"fmt"

	"github.com/diglot/diglot/internal/termsafe"
)

func ExampleString() {
	// A server's error body that would clear the screen and set the
	// window title, and a file name with a right-to-left override.
	fmt.Println("diglot: " + termsafe.String("500: \x1b[2J\x1b]0;owned\x07\r\nretry later"))
	fmt.Println("diglot: " + termsafe.String("invoice\u202etxt.exe"))
	// Output:
	// diglot: 500: \x1b[2J\x1b]0;owned\x07  retry later
	// diglot: invoice\u202etxt.exe
}
