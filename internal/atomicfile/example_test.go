package atomicfile_test

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/diglot/diglot/internal/atomicfile"
)

func ExampleSet() {
	out, err := os.MkdirTemp("", "out")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)

	// At the start of a batch: remove what killed runs left behind.
	if _, err := atomicfile.Clean(out); err != nil {
		log.Fatal(err)
	}
	// The outputs of one article, all or none.
	var s atomicfile.Set
	for _, ext := range []string{".fr-en.json", ".fr-en.html"} {
		err := s.Add(filepath.Join(out, "a", "b"+ext), func(w io.Writer) error {
			_, err := io.WriteString(w, "…")
			return err
		})
		if err != nil {
			s.Abort()
			log.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		log.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(out, "a", "*"))
	for _, n := range names {
		fmt.Println(filepath.Base(n))
	}
	// Output:
	// b.fr-en.html
	// b.fr-en.json
}
