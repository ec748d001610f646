package check_test

import (
	"fmt"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/glossary"
)

// A translation pipeline records on a segment what diglot check would
// report for it.
func ExampleSegmentChecker() {
	g, err := glossary.Parse("names.tsv", []byte("Haut-Karabakh\tNagorno-Karabakh\n"))
	if err != nil {
		panic(err)
	}
	sc, err := check.NewSegmentChecker(check.Options{Glossary: g})
	if err != nil {
		panic(err)
	}
	for _, f := range sc.Check(check.Segment{
		Source: "Le Haut-Karabakh compte 120 000 habitants.", SourceLang: "fr",
		Target: "Karabakh has 12,000 inhabitants.", TargetLang: "en",
	}) {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Rule, f.Message)
	}
	// Output:
	// error term-missing: "Haut-Karabakh" is not translated as "Nagorno-Karabakh"
	// error number-mismatch: French 120 000 is 120000; write 120,000 in English; the target's 12,000 is not in the source
}
