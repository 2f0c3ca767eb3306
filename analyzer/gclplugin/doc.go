// Package gclplugin registers blockcheck as a golangci-lint v2 module
// plugin named "blockcheck".
//
// golangci-lint builds module plugins into a binary of its own with
// "golangci-lint custom", which reads .custom-gcl.yml and adds a blank
// import of this package; its init function calls
// [register.Plugin]("blockcheck", [New]). The repository's
// .custom-gcl.yml is the example, and .ci/golangci-plugin.sh builds
// and checks such a binary end to end.
//
// # Settings
//
// The settings under linters.settings.custom.blockcheck.settings in
// .golangci.yml are the options of [analyzer.Config], with the keys of
// a .blockcheck.yml file and of blockcheck's flags: heavy, blocking,
// root-params, roots, lambda, categories, ignore-sinks and ignore-roots.
// They are decoded strictly: an unknown key, or a value of the wrong
// shape, is an error that names the key, and the values are checked by
// [analyzer.New].
// .blockcheck.yml files are read at run time as with the other
// drivers, and their options add to these.
//
// # Loading
//
// The plugin asks for [register.LoadModeTypesInfo]: blockcheck needs
// types and exports facts, which golangci-lint computes for the
// dependencies of the packages it lints, so chains that cross
// packages are reported as they are by the standalone tool.
package gclplugin
