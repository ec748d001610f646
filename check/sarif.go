package check

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"strings"
)

// SARIF 2.1.0, the subset GitHub code scanning reads. See
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/ and
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifInfoURI = "https://github.com/diglot/diglot/blob/main/docs/check.md"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifText          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// WriteSARIF writes r as a SARIF 2.1.0 log with one run of the tool
// "diglot" (version given), every rule with its help text and default level,
// and one result per finding located by a URI relative to the working
// directory (%SRCROOT%) and a start line.
func WriteSARIF(w io.Writer, r *Report, version string) error {
	driver := sarifDriver{Name: "diglot", Version: version, InformationURI: sarifInfoURI}
	for _, rule := range rules {
		short, full := rule.Short(), rule.Full()
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   rule.ID,
			Name:                 ruleName(rule.ID),
			ShortDescription:     sarifText{Text: short},
			FullDescription:      sarifText{Text: full},
			Help:                 sarifText{Text: full + "\n\n" + rule.Help, Markdown: "**" + short + "**\n\n" + full + "\n\n" + rule.Help},
			HelpURI:              sarifInfoURI + "#" + rule.ID,
			DefaultConfiguration: sarifConfiguration{Level: rule.Severity.String()},
			Properties:           sarifRuleProps{Tags: []string{"translation", "qa"}},
		})
	}
	results := []sarifResult{}
	for _, f := range r.Findings {
		uri, base := artifactURI(f.File)
		results = append(results, sarifResult{
			RuleID:    f.Rule,
			RuleIndex: ruleIndex(f.Rule),
			Level:     f.Severity.String(),
			Message:   sarifText{Text: f.Message + f.where()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: base},
				Region:           sarifRegion{StartLine: max(f.Line, 1)},
			}}},
			PartialFingerprints: map[string]string{"diglotFinding/v1": fingerprint(f)},
		})
	}
	log := sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{{
		Tool: sarifTool{Driver: driver}, Results: results,
	}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// ruleName is a rule id in the PascalCase SARIF viewers show: TermMissing.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// artifactURI turns a file name into a SARIF artifact URI: relative and
// percent-encoded, based at %SRCROOT%; an absolute path is a file: URI.
func artifactURI(name string) (uri, base string) {
	u := url.URL{Path: name}
	if path.IsAbs(name) {
		u.Scheme = "file"
		return u.String(), ""
	}
	// A colon in a relative reference would read as a scheme.
	return strings.ReplaceAll(u.EscapedPath(), ":", "%3A"), "%SRCROOT%"
}

// fingerprint identifies a finding across runs whatever line it moves to:
// its file, rule, segment and message.
func fingerprint(f Finding) string {
	h := sha256.New()
	for _, s := range []string{f.File, f.Rule, f.Segment, f.Message} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
