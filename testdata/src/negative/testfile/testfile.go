// Package testfile checks that handlers in _test.go files are not roots.
package testfile
