package analyzer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// ConfigFile is the name of blockcheck's configuration file. blockcheck
// looks for it in the directory of each package it analyses and in the
// directories above, up to the root of the package's module.
const ConfigFile = ".blockcheck.yml"

// Config holds blockcheck's options. They are the same in a
// .blockcheck.yml file, on the command line, and in golangci-lint's
// settings for the plugin; options from several sources add up.
type Config struct {
	// Heavy lists functions to report as CPU-heavy sinks, by full
	// name: "example.com/pdf.Render", "(*example.com/img.Resizer).Resize".
	Heavy []string `yaml:"heavy" json:"heavy"`
	// Blocking lists functions to report as blocking sinks, by full name.
	Blocking []string `yaml:"blocking" json:"blocking"`
	// RootParams lists named types, by full name such as
	// "example.com/web.Context", a parameter of which makes a function
	// a request root, for frameworks blockcheck does not know.
	RootParams []string `yaml:"root-params" json:"root-params"`
	// Roots lists functions and methods that are request roots, by
	// full name, for dispatch that analysis cannot see, such as a table
	// of handlers built at run time; "(*example.com/rpc.Dispatcher).*"
	// names every exported method of a type. A name that the package
	// it names does not declare is an error.
	Roots []string `yaml:"roots" json:"roots"`
	// Lambda says to treat the handlers passed to lambda.Start as
	// request roots. An AWS Lambda execution environment runs one
	// invocation at a time, so their heavy calls delay only their own
	// invocation; they are off by default.
	Lambda bool `yaml:"lambda" json:"lambda"`
	// Categories lists the categories to report; empty means all.
	Categories []string `yaml:"categories" json:"categories"`
	// IgnoreSinks lists sinks that are not to be reported, each with the
	// reason why.
	IgnoreSinks []IgnoredSink `yaml:"ignore-sinks" json:"ignore-sinks"`
	// IgnoreRoots lists functions and methods that are not request
	// roots though a rule would make them so, each with the reason why:
	// a gRPC service that configures a plugin when it is loaded, an
	// admin endpoint. Names are as in Roots; an interface's method,
	// "(example.com/config.ConfigServer).Configure", or all of them,
	// "(example.com/config.ConfigServer).*", names every method that
	// implements it.
	IgnoreRoots []IgnoredRoot `yaml:"ignore-roots" json:"ignore-roots"`
}

// An IgnoredRoot is a function or method, or a pattern of them, that
// configuration says is no request root.
type IgnoredRoot struct {
	// Name is a full name, as in Config.Roots.
	Name string `yaml:"name" json:"name"`
	// Reason says why it is not a root; it is required.
	Reason string `yaml:"reason" json:"reason"`
}

// An IgnoredSink is a sink that configuration turns off.
type IgnoredSink struct {
	// Name is the sink's full name, as in the catalog.
	Name string `yaml:"name" json:"name"`
	// Reason says why it is not to be reported; it is required.
	Reason string `yaml:"reason" json:"reason"`
}

// Check reports the first problem with c: a malformed function or type
// name, an unknown category, an ignored sink without a reason.
func (c *Config) Check() error {
	for _, check := range []struct {
		key   string
		names []string
		check func(string) error
	}{
		{"heavy", c.Heavy, checkFullName},
		{"blocking", c.Blocking, checkFullName},
		{"root-params", c.RootParams, checkTypeName},
		{"roots", c.Roots, checkRootName},
		{"categories", c.Categories, checkCategory},
	} {
		for _, name := range check.names {
			if err := check.check(name); err != nil {
				return fmt.Errorf("%s: %w", check.key, err)
			}
		}
	}
	for _, s := range c.IgnoreSinks {
		if err := checkFullName(s.Name); err != nil {
			return fmt.Errorf("ignore-sinks: %w", err)
		}
		if strings.TrimSpace(s.Reason) == "" {
			return fmt.Errorf("ignore-sinks: %s needs a reason", s.Name)
		}
	}
	for _, r := range c.IgnoreRoots {
		if err := checkRootName(r.Name); err != nil {
			return fmt.Errorf("ignore-roots: %w", err)
		}
		if strings.TrimSpace(r.Reason) == "" {
			return fmt.Errorf("ignore-roots: %s needs a reason", r.Name)
		}
	}
	return nil
}

// merge returns c with the options of other added.
func (c Config) merge(other Config) Config {
	return Config{
		Heavy:       slices.Concat(c.Heavy, other.Heavy),
		Blocking:    slices.Concat(c.Blocking, other.Blocking),
		RootParams:  slices.Concat(c.RootParams, other.RootParams),
		Roots:       slices.Concat(c.Roots, other.Roots),
		Lambda:      c.Lambda || other.Lambda,
		Categories:  slices.Concat(c.Categories, other.Categories),
		IgnoreSinks: slices.Concat(c.IgnoreSinks, other.IgnoreSinks),
		IgnoreRoots: slices.Concat(c.IgnoreRoots, other.IgnoreRoots),
	}
}

// ParseConfig parses the contents of a configuration file. Unknown keys
// are errors, reported with the file name and line.
func ParseConfig(filename string, data []byte) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("%s: %s", filename, yamlError(err))
	}
	if err := c.Check(); err != nil {
		return Config{}, fmt.Errorf("%s: %w", filename, err)
	}
	return c, nil
}

// yamlError rewrites the YAML library's "yaml: line N: …" as "N: …".
func yamlError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	return strings.Replace(msg, "line ", "", 1)
}

// configs caches the configuration found for each directory.
var configs sync.Map // dir → configResult

type configResult struct {
	cfg Config
	err error
}

// FindConfig returns the configuration that applies to a package in
// dir: that of the nearest .blockcheck.yml in dir or above it, stopping
// at the directory that holds go.mod, or the empty Config.
func FindConfig(dir string) (Config, error) {
	if r, ok := configs.Load(dir); ok {
		return r.(configResult).cfg, r.(configResult).err
	}
	var r configResult
	file := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(file)
	switch {
	case err == nil:
		r.cfg, r.err = ParseConfig(file, data)
	case !errors.Is(err, os.ErrNotExist):
		r.err = fmt.Errorf("reading %s: %w", file, err)
	default:
		_, modErr := os.Stat(filepath.Join(dir, "go.mod"))
		if parent := filepath.Dir(dir); modErr != nil && parent != dir {
			r.cfg, r.err = FindConfig(parent)
		}
	}
	configs.Store(dir, r)
	return r.cfg, r.err
}
