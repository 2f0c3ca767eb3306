#!/usr/bin/env bash
# End-to-end test of blockcheck's golangci-lint module plugin
# (analyzer/gclplugin). It builds a custom golangci-lint with the
# repository's .custom-gcl.yml ("golangci-lint custom"), runs it on the
# fixture module testdata/gclplugin and checks that
#   - the findings are those of testdata/gclplugin/findings.golden,
#     chains across packages included (they need blockcheck's facts);
#   - --fix turns each X.go that has an X.go.golden into it and leaves
#     every other file alone;
#   - the fixed fixture builds, and reports only the findings that have
#     no fix (fixed.golden);
#   - an unknown key in the plugin's settings stops golangci-lint with
#     an error that names it;
#   - a second run, from golangci-lint's cache, still has the chains
#     across packages;
#   - the commands that VS Code and golangci-lint-langserver run show
#     blockcheck's findings, and --fast-only drops them (README, "Editors").
#
# "golangci-lint custom" clones https://github.com/golangci/golangci-lint.git.
# Where github.com cannot be reached, the clone comes from a git mirror of
# the same version made from the Go module cache, through git's
# url.<mirror>.insteadOf: the same source, checked by go.sum. Set
# GCL_MIRROR=always or never to choose; the default, auto, tries
# github.com first.
#
# Needs only Go, git and the module proxy; installs golangci-lint into
# .ci/bin when the version of .custom-gcl.yml is not at hand. Usage:
#
#	.ci/golangci-plugin.sh [-update]
#
# -update rewrites the golden files from what golangci-lint produces.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fixture=$root/testdata/gclplugin
update=false
if [ "${1:-}" = -update ]; then
	update=true
fi

start=$SECONDS
step() { printf -- '--- %s (at %ds)\n' "$*" $((SECONDS - start)); }
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

version=$(sed -n 's/^version: *\(v[0-9][0-9.]*\) *$/\1/p' .custom-gcl.yml)
[ -n "$version" ] || fail ".custom-gcl.yml has no version such as v2.15.0"

tmp=$(mktemp -d)
# The mirror is a copy of the read-only module cache.
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# golangci-lint custom clones and builds in TMPDIR, and golangci-lint run
# takes a lock there: keep both here, apart from other runs.
export TMPDIR=$tmp
# A cache of its own, so that facts and findings come from this build.
export GOLANGCI_LINT_CACHE=$tmp/cache
# No workspace but the one made below for the fixed copy.
export GOWORK=off

step "golangci-lint $version"
gcl=
for c in "${GOLANGCI_LINT:-}" "$root/.ci/bin/golangci-lint" "$(command -v golangci-lint || true)"; do
	if [ -n "$c" ] && [ -x "$c" ] && "$c" version 2>/dev/null | grep -q "version ${version#v} "; then
		gcl=$c
		break
	fi
done
if [ -z "$gcl" ]; then
	echo "installing golangci-lint $version into .ci/bin"
	GOBIN=$root/.ci/bin go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$version"
	gcl=$root/.ci/bin/golangci-lint
fi
echo "using $gcl"

# The URL that golangci-lint custom clones (pkg/commands/internal/builder.go).
url=https://github.com/golangci/golangci-lint.git
mirror=${GCL_MIRROR:-auto}
if [ "$mirror" = auto ]; then
	step "is $url reachable?"
	limit=$(command -v timeout >/dev/null && echo "timeout 30")
	if $limit git ls-remote --exit-code "$url" "refs/tags/$version" >/dev/null 2>&1; then
		mirror=never
	else
		mirror=always
	fi
fi
case $mirror in
never) echo "cloning $url" ;;
always)
	step "git mirror of golangci-lint $version from the module cache"
	dir=$(cd "$tmp" && GOFLAGS=-mod=mod go mod download -json "github.com/golangci/golangci-lint/v2@$version" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
	[ -d "$dir" ] || fail "go mod download gave no directory for golangci-lint $version"
	repo=$tmp/golangci-lint.git
	cp -R "$dir" "$repo"
	chmod -R u+w "$repo"
	git() {
		GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 command git -C "$repo" \
			-c user.name=blockcheck-ci -c user.email=ci@blockcheck.invalid -c commit.gpgsign=false -c tag.gpgsign=false "$@"
	}
	git init -q -b main
	git add -A -f # the module's files, even those its .gitignore names
	git commit -q -m "golangci-lint $version from the Go module cache ($dir)"
	git tag "$version"
	unset -f git
	# Append to the caller's GIT_CONFIG_* entries, if any: golangci-lint
	# custom passes these on to git clone and drops other GIT_ variables.
	n=${GIT_CONFIG_COUNT:-0}
	export "GIT_CONFIG_KEY_$n=url.file://$repo.insteadOf" "GIT_CONFIG_VALUE_$n=$url"
	export GIT_CONFIG_COUNT=$((n + 1))
	git ls-remote --exit-code "$url" "refs/tags/$version" >/dev/null ||
		fail "git does not resolve $url to the mirror"
	echo "$url now resolves to $repo"
	;;
*) fail "GCL_MIRROR is $mirror, want auto, always or never" ;;
esac

step "golangci-lint custom: build golangci-lint $version with the plugin"
"$gcl" custom --destination "$tmp/bin" --name custom-gcl
bin=$tmp/bin/custom-gcl
"$bin" version

# lint DIR ARGS...: runs the custom binary on DIR/..., issues in $tmp/out,
# logs in $tmp/log, exit status in $code.
lint() {
	local dir=$1
	shift
	set +e
	(cd "$dir" && "$bin" run --show-stats=false --output.text.print-issued-lines=false \
		--output.text.colors=false "$@" ./...) >"$tmp/out" 2>"$tmp/log"
	code=$?
	set -e
}

# expect WHAT STATUS GOLDEN: compares the last lint with GOLDEN.
expect() {
	if $update; then
		cp "$tmp/out" "$3"
		echo "updated ${3#"$root/"}"
	elif ! diff -u "$3" "$tmp/out"; then
		cat "$tmp/log" >&2
		fail "$1: the findings differ from ${3#"$root/"} (-want +got)"
	fi
	if [ "$code" -ne "$2" ]; then
		cat "$tmp/log" >&2
		fail "$1: golangci-lint exited $code, want $2"
	fi
	echo "ok: $1: $(wc -l <"$tmp/out") findings as in ${3#"$root/"}, exit status $code"
}

step "findings on testdata/gclplugin"
lint "$fixture"
expect "findings" 1 "$fixture/findings.golden"
grep -q 'via store.Save' "$tmp/out" && grep -q 'via media.Encode' "$tmp/out" ||
	fail "no finding through another package: facts did not cross packages"

step "--fix on a copy of testdata/gclplugin"
fixed=$tmp/fixed
cp -R "$fixture" "$fixed"
# The fixes import blockcheck's offload package: let the copy build
# with this checkout's.
(cd "$fixed" && GOWORK= go work init . "$root")
GOWORK=$fixed/go.work lint "$fixed" --fix
want=$tmp/want
cp -R "$fixture" "$want"
for golden in $(cd "$fixture" && find . -name '*.go.golden'); do
	if $update; then
		cp "$fixed/${golden%.golden}" "$fixture/$golden"
		echo "updated testdata/gclplugin/${golden#./}"
	fi
	cp "$fixture/$golden" "$want/${golden%.golden}"
done
if ! diff -ru -x '*.golden' -x 'go.work*' "$want" "$fixed"; then
	cat "$tmp/log" >&2
	fail "--fix: the fixed files differ from the goldens (-want +got)"
fi
echo "ok: --fix: the fixed files are the goldens: $(cd "$fixture" && find . -name '*.go.golden' | sed 's|^\./||' | tr '\n' ' ')"

step "the fixed copy builds, and keeps only the findings without a fix"
(cd "$fixed" && GOWORK=$fixed/go.work go build ./...) || fail "the fixed copy does not build"
GOWORK=$fixed/go.work lint "$fixed"
expect "findings after --fix" 1 "$fixture/fixed.golden"

step "an unknown key in the plugin's settings"
cat >"$tmp/bad.yml" <<'EOF'
version: "2"
linters:
  default: none
  enable: [blockcheck]
  settings:
    custom:
      blockcheck:
        type: module
        settings:
          heavy: [example.com/shop/report.Render]
          slow: [example.com/shop/report.Render]
EOF
lint "$fixture" --config "$tmp/bad.yml"
if [ "$code" -eq 0 ] || ! grep -q 'linters.settings.custom.blockcheck.settings: unknown key "slow"' "$tmp/log"; then
	cat "$tmp/out" "$tmp/log" >&2
	fail "an unknown key: golangci-lint exited $code, want an error naming the key"
fi
echo "ok: an unknown key: exit status $code, $(grep -o 'unknown key "slow"[^)]*)' "$tmp/log" | head -1)"

step "a second run reads golangci-lint's cache and keeps the chains across packages"
# golangci-lint before v2.13.0 dropped dependencies' facts from its
# cache, and with them every chain through another package.
lint "$fixture"
expect "findings from the cache" 1 "$fixture/findings.golden"

# editor NAME ARGS...: runs the custom binary on the fixture with the
# arguments an editor passes, output in $tmp/out, status in $code.
editor() {
	local name=$1
	shift
	set +e
	(cd "$fixture" && "$bin" run "$@") >"$tmp/out" 2>"$tmp/log"
	code=$?
	set -e
	echo "$name: exit status $code, $(grep -c blockcheck "$tmp/out") lines naming blockcheck"
}

step "as VS Code runs it (go.lintTool golangci-lint-v2)"
# The command of vscode-go's lint for golangci-lint-v2.
editor "VS Code" --path-mode=abs --issues-exit-code=0 --output.text.print-issued-lines=false \
	--show-stats=false --output.text.path=stdout ./...
[ "$code" -eq 0 ] && grep -q "^$fixture/.*via store.Save.* (blockcheck)\$" "$tmp/out" || {
	cat "$tmp/out" "$tmp/log" >&2
	fail "VS Code's command shows no blockcheck finding with an absolute path"
}
editor "VS Code with --fast-only" --fast-only --path-mode=abs --issues-exit-code=0 \
	--output.text.print-issued-lines=false --show-stats=false --output.text.path=stdout ./...
! grep -q "(blockcheck)\$" "$tmp/out" || fail "--fast-only kept blockcheck, which the README says it drops"

step "as golangci-lint-langserver runs it (Neovim, Helix)"
editor "golangci-lint-langserver" --output.json.path stdout --show-stats=false --issues-exit-code=1
[ "$code" -eq 1 ] && grep -q '"FromLinter":"blockcheck"' "$tmp/out" || {
	cat "$tmp/out" "$tmp/log" >&2
	fail "the language server's command gives no blockcheck issue in its JSON"
}

step "PASS"
