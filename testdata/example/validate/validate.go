// Package validate checks user input.
package validate

import "regexp"

// Username reports whether name is a valid user name.
func Username(name string) bool {
	return regexp.MustCompile(`^[a-z][a-z0-9_]{2,31}$`).MatchString(name)
}
