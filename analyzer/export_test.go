package analyzer

// ResetFlags sets every flag of [Analyzer] back to its default, for
// tests that set some.
func ResetFlags() {
	flags = Config{}
	goroot = false
	fixAt = nil
}
