#!/usr/bin/env bash
# Tests the pre-commit hooks in .pre-commit-hooks.yaml end to end.
#
# It installs pre-commit from Debian's packages when it is missing, commits
# the module in testdata/precommit/shop to a throwaway git repository whose
# .pre-commit-config.yaml points at this checkout's HEAD commit, and checks
# that both hooks (blockcheck, blockcheck-vet) reject it, naming the finding,
# and accept it once testdata/precommit/fixed is copied over it: first with
# `pre-commit run --all-files`, then with real `git commit`s.
#
# pre-commit clones the checkout at HEAD, so only committed files are
# tested. Runs unattended on Debian as root with Go installed; pre-commit's
# `go install` of the hooks downloads blockcheck's dependencies from the Go
# module proxy. Every run starts from an empty PRE_COMMIT_HOME and HOME.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$repo/testdata/precommit

fail() { echo "FAIL: $*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not on PATH"
if ! command -v pre-commit >/dev/null || ! command -v git >/dev/null; then
	[ "$(id -u)" -eq 0 ] || fail "pre-commit or git is missing; install them (apt-get install pre-commit git) or run as root"
	echo "--- installing pre-commit and git from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq pre-commit git >/dev/null
fi
echo "$(pre-commit --version), $(git --version), $(go version)"

tmp=$(mktemp -d)
# Go makes its module cache read-only; make it writable to remove it.
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Keep the user's Go build cache and go env file, then isolate everything
# else: an empty HOME (no global git config, hooks path or signing),
# pre-commit's own home, and no git or pre-commit variables from a caller.
GOCACHE=$(go env GOCACHE)
GOENV=$(go env GOENV)
export GOCACHE GOENV
export HOME=$tmp/home PRE_COMMIT_HOME=$tmp/pre-commit PRE_COMMIT_COLOR=never
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE SKIP
mkdir -p "$HOME"
git config --global user.name "precommit.sh"
git config --global user.email "precommit@example.com"
git config --global init.defaultBranch main
# A CI checkout may belong to another user; pre-commit's clone reads .git.
git config --global --add safe.directory "$repo"
git config --global --add safe.directory "$repo/.git"

rev=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" cat-file -e "$rev:.pre-commit-hooks.yaml" 2>/dev/null ||
	fail ".pre-commit-hooks.yaml is not committed at HEAD ($rev); pre-commit only sees committed files"
if [ -n "$(git -C "$repo" status --porcelain -- .pre-commit-hooks.yaml)" ]; then
	echo "warning: .pre-commit-hooks.yaml has uncommitted changes, which are not tested"
fi
echo "hooks of $repo at $rev"

work=$tmp/shop
cp -R "$fixtures/shop" "$work"
cat > "$work/.pre-commit-config.yaml" <<EOF
repos:
  - repo: '$repo'
    rev: $rev
    hooks:
      - id: blockcheck
      - id: blockcheck-vet
EOF
cd "$work"
git init -q
git add .

finding="report calls time.Sleep via slow.Wait"

# run NAME CMD... runs CMD, saving its output in $out and status in $code.
out=$tmp/out.txt
code=0
run() {
	local name=$1
	shift
	echo "--- $name: $*"
	set +e
	"$@" >"$out" 2>&1
	code=$?
	set -e
}
# section ID prints what pre-commit reported under the failed hook ID,
# from its "- exit code: N" line to the next hook's status line.
section() {
	awk -v id="- hook id: $1" '
		$0 == id { on = 1; next }
		on && /\.\.\.+.*(Passed|Failed|Skipped)$/ { on = 0 }
		on' "$out"
}
# want_failed ID STATUS: the hook ID failed with exit status STATUS and
# reported the finding at the handler's call site.
want_failed() {
	local sec
	sec=$(section "$1")
	[ -n "$sec" ] || { cat "$out"; fail "hook $1 did not fail"; }
	[ "$(head -n1 <<<"$sec")" = "- exit code: $2" ] || { cat "$out"; fail "hook $1 did not exit $2"; }
	grep -q "main.go:15:2: $finding" <<<"$sec" ||
		{ cat "$out"; fail "hook $1 did not report \"$finding\" at main.go:15:2"; }
	echo "ok: hook $1 failed with exit status $2, reporting \"$finding\" at main.go:15:2"
}
# want_passed NAME: the hook named NAME passed (not skipped).
want_passed() {
	grep -qE "^$1\.+Passed$" "$out" || { cat "$out"; fail "hook '$1' did not pass"; }
	echo "ok: hook '$1' passed"
}

echo "--- pre-commit install-hooks (clones the checkout, go install ./...)"
start=$SECONDS
pre-commit install-hooks || {
	cat "$PRE_COMMIT_HOME/pre-commit.log" 2>/dev/null
	fail "pre-commit could not install the hooks"
}
echo "installed in $((SECONDS - start))s"

echo "=== bad code: the handler reaches time.Sleep through slow.Wait"
run "standalone hook" pre-commit run blockcheck --all-files
[ "$code" -ne 0 ] || { cat "$out"; fail "pre-commit exited 0"; }
want_failed blockcheck 3 # blockcheck's status for findings, not errors (1)
section blockcheck | grep -q "slow.go:12:2:.*slow.Wait calls time.Sleep" ||
	{ cat "$out"; fail "the chain's hop in slow.Wait is missing"; }
echo "ok: the chain's hop in slow.Wait is reported"

run "go vet hook" pre-commit run blockcheck-vet --all-files
[ "$code" -ne 0 ] || { cat "$out"; fail "pre-commit exited 0"; }
want_failed blockcheck-vet 1 # go vet's own analyzers report nothing here

echo "=== fixed code: slow.Wait selects on its context"
cp "$fixtures/fixed/slow/slow.go" slow/slow.go
git add .
run "standalone hook" pre-commit run blockcheck --all-files
[ "$code" -eq 0 ] || { cat "$out"; fail "pre-commit exited $code, want 0"; }
want_passed blockcheck
run "go vet hook" pre-commit run blockcheck-vet --all-files
[ "$code" -eq 0 ] || { cat "$out"; fail "pre-commit exited $code, want 0"; }
want_passed "blockcheck \(go vet\)"

echo "=== real commits through the installed git hook"
pre-commit install
run "commit the fixed code" git commit -q -m "shop: wait on the request's context"
[ "$code" -eq 0 ] || { cat "$out"; fail "git commit exited $code, want 0"; }
want_passed blockcheck
want_passed "blockcheck \(go vet\)"
good=$(git rev-parse HEAD)

# The commit stages only slow/slow.go, but the finding is in main.go: the
# hooks must analyse the module, not the staged files.
cp "$fixtures/shop/slow/slow.go" slow/slow.go
git add slow/slow.go
run "commit the bad helper alone" git commit -q -m "slow: sleep"
[ "$code" -ne 0 ] || { cat "$out"; fail "git commit of the bad helper succeeded"; }
[ "$(git rev-parse HEAD)" = "$good" ] || fail "HEAD moved: the bad commit was made"
want_failed blockcheck 3
want_failed blockcheck-vet 1
echo "ok: the commit was rejected and HEAD is still $good"

echo "PASS: both pre-commit hooks reject the bad code and accept the fixed code"
