package analyzer

import (
	"strings"
	"testing"
)

// TestExplainPatterns checks that -explain gives the regexp entries
// both remedies and says why a pattern from the request is not
// reported, and that templates, which keep their own condition, do not
// pick that up.
func TestExplainPatterns(t *testing.T) {
	for _, name := range []string{"regexp.MustCompile", "regexp.MatchString"} {
		text, err := Explain(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"remedy:   compile it once, at package level or with sync.OnceValue\n",
			"for a pattern from configuration: cache the compiled regexp (compile it once when the configuration is loaded)\n",
			"reported when: the pattern is a constant or comes from configuration",
			"cannot be compiled ahead of time",
			"linear",
			"cache keyed by their text is the application's call",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("-explain %s does not say %q:\n%s", name, want, text)
			}
		}
	}
	text, err := Explain("html/template.ParseFiles")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "configuration") || strings.Contains(text, "the pattern is") {
		t.Errorf("-explain html/template.ParseFiles has the regexps' condition:\n%s", text)
	}
}
