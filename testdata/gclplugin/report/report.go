// Package report has a function that is CPU-heavy by configuration: the
// plugin's settings name report.Render among the heavy sinks.
package report

import "strings"

// Render renders a report; imagine it takes 50ms of CPU.
func Render(title string) string {
	return strings.Repeat(title, 2)
}

// Notify sends a notice; the .blockcheck.yml file in package handlers
// declares it a blocking sink, which adds to the plugin's settings.
func Notify(to string) error {
	_ = to
	return nil
}
