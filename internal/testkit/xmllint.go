package testkit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// NeedXMLLint returns the path of xmllint, or skips the test when it is not
// installed.
func NeedXMLLint(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	return path
}

// ValidateDTD validates file against dtd with xmllint, without the network.
// The error holds xmllint's report. It skips the test when xmllint is not
// installed.
func ValidateDTD(t testing.TB, dtd, file string) error {
	t.Helper()
	return xmllint(t, "", "--dtdvalid", dtd, file)
}

// ValidateXSD validates file against the XML Schema xsd with xmllint, without
// the network, resolving the schema's imports through catalog (an XML catalog
// file) unless it is empty. The error holds xmllint's report. It skips the
// test when xmllint is not installed.
func ValidateXSD(t testing.TB, xsd, catalog, file string) error {
	t.Helper()
	return xmllint(t, catalog, "--schema", xsd, file)
}

func xmllint(t testing.TB, catalog string, args ...string) error {
	t.Helper()
	cmd := exec.Command(NeedXMLLint(t), append([]string{"--noout", "--nonet"}, args...)...)
	if catalog != "" {
		abs, err := filepath.Abs(catalog)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+abs)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, msg)
	}
	return nil
}

// ValidateXLIFF12 validates file against the OASIS XLIFF 1.2 strict schema of
// the shared corpus (schemas/xliff12), offline through its catalog, as
// `XML_CATALOG_FILES=…/catalog.xml xmllint --nonet --noout --schema
// …/xliff-core-1.2-strict.xsd FILE` does. It skips the test when the corpus
// or xmllint is absent.
func ValidateXLIFF12(t testing.TB, file string) error {
	t.Helper()
	dir := Corpus(t, "schemas", "xliff12")
	return ValidateXSD(t, filepath.Join(dir, "xliff-core-1.2-strict.xsd"), filepath.Join(dir, "catalog.xml"), file)
}
