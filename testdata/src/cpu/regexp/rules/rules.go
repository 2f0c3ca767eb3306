// Package rules compiles patterns on every call, one from its
// configuration and one constant: callers in other packages learn from
// its facts which remedy each needs.
package rules

import (
	"os"
	"regexp"
)

// Name is configured at start-up.
var Name = os.Getenv("NAME_PATTERN")

func ValidName(s string) bool { // want ValidName:"reaches regexp.MustCompile"
	return regexp.MustCompile(Name).MatchString(s)
}

func ValidID(s string) bool { // want ValidID:"reaches regexp.MatchString"
	ok, _ := regexp.MatchString(`^\d+$`, s)
	return ok
}

// Matches compiles what its caller passes, which is not resolved here:
// it reaches nothing and gets no fact.
func Matches(pattern, s string) bool {
	return regexp.MustCompile(pattern).MatchString(s)
}
