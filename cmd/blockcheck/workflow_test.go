package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// workflowSteps returns the commands of the README's GitHub Actions
// workflow that run blockcheck, in order.
func workflowSteps(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const start = "```yaml\n# .github/workflows/blockcheck.yml\n"
	_, block, ok := strings.Cut(string(readme), start)
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatalf("the README has no block that begins %q", start)
	}
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct{ Run string }
		}
	}
	if err := yaml.Unmarshal([]byte(block), &workflow); err != nil {
		t.Fatalf("the README's workflow: %v", err)
	}
	var runs []string
	for _, job := range workflow.Jobs {
		for _, step := range job.Steps {
			if strings.HasPrefix(step.Run, "blockcheck ") {
				runs = append(runs, step.Run)
			}
		}
	}
	return runs
}

// TestREADMEWorkflow runs the blockcheck commands of the README's
// GitHub Actions workflow on a copy of the example, with the binary
// under test on PATH: the SARIF step passes and writes SARIF, and the
// last step passes against a baseline of the example's findings and
// fails once a handler gains a new one.
func TestREADMEWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the example")
	}
	runs := workflowSteps(t)
	if len(runs) != 2 || !strings.Contains(runs[0], "-format=sarif") || !strings.Contains(runs[1], "-baseline=") {
		t.Fatalf("the README's workflow runs %q; want a SARIF step, then a baseline step", runs)
	}
	// The example stands for a repository's root.
	dir := filepath.Join(copyExample(t), "testdata", "example")
	path := filepath.Dir(blockcheck) + string(os.PathListSeparator) + os.Getenv("PATH")
	step := func(command string) (string, int) {
		t.Helper()
		cmd := exec.Command("sh", "-c", command)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+path)
		out, err := cmd.CombinedOutput()
		if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
			return string(out), exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}

	if out, code := step(runs[0]); code != 0 {
		t.Fatalf("%s: exit %d\n%s", runs[0], code, out)
	}
	var sarif struct{ Runs []struct{ Results []any } }
	data, err := os.ReadFile(filepath.Join(dir, "blockcheck.sarif"))
	if err != nil || json.Unmarshal(data, &sarif) != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
		t.Fatalf("%s wrote no SARIF with results: %v\n%.300s", runs[0], err, data)
	}

	// The baseline, written once and committed.
	if out, code := step(runs[1]); code != 0 {
		t.Fatalf("%s, writing the baseline: exit %d\n%s", runs[1], code, out)
	}
	if out, code := step(runs[1]); code != 0 {
		t.Fatalf("%s against the example's baseline: exit %d, want 0\n%s", runs[1], code, out)
	}

	// A new finding fails the job.
	added := "package added\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\n// Wait waits.\nfunc Wait(w http.ResponseWriter, r *http.Request) { time.Sleep(time.Second) }\n"
	if err := os.MkdirAll(filepath.Join(dir, "added"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "added", "added.go"), []byte(added), 0o666); err != nil {
		t.Fatal(err)
	}
	out, code := step(runs[1])
	if code == 0 || !strings.Contains(out, "Wait calls time.Sleep") || strings.Count(out, "calls ") != 1 {
		t.Errorf("%s with a new finding: exit %d, want non-zero and only that finding\n%s", runs[1], code, out)
	}
}
