#!/usr/bin/env bash
# fix.sh [NAME...] — applies blockcheck's fixes to scratch copies of the
# corpus modules, then checks that each still builds and passes go vet,
# runs the unit tests of the packages the fixes changed, and counts the
# findings before and after. Fixes import
# github.com/blockcheck/blockcheck/offload, so each copy first gets a
# requirement on this checkout (what `go get` would add for a user).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=${BLOCKCHECK_CORPUS:-$HOME/.cache/blockcheck-corpus}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$repo" && go build -o "$scratch/blockcheck" ./cmd/blockcheck)
(cd "$here/.." && go build -o "$scratch/tally" ./corpus/tally)
bc="$scratch/blockcheck"
export GOFLAGS=-mod=mod GOWORK=off

# findings prints the number of distinct findings in the current module,
# and how many of them carry a suggested fix.
findings() {
	"$bc" -json ./... 2>/dev/null > "$scratch/out.json" || true
	total=$("$scratch/tally" < "$scratch/out.json" | sed -n 's/^total: //p')
	fixable=$(grep -c '"suggested_fixes"' "$scratch/out.json" || true)
	echo "$total $fixable"
}

want=("$@")
while read -r name modver; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " == *" $name "* ]]; then
		continue
	fi
	[ -f "$corpus/$name/.prepared" ] || { echo "$name: not fetched"; continue; }
	dir="$scratch/$name"
	cp -r "$corpus/$name" "$dir"
	cd "$dir"
	go mod edit -require=github.com/blockcheck/blockcheck@v0.0.0 -replace=github.com/blockcheck/blockcheck="$repo"
	find . -name '*.go' -exec md5sum {} + | sort > "$scratch/sums.before"
	read -r before fixable < <(findings)
	"$bc" -fix ./... > "$scratch/$name.fix.txt" 2>&1 || true
	find . -name '*.go' -exec md5sum {} + | sort > "$scratch/sums.after"
	changed=$(diff "$scratch/sums.before" "$scratch/sums.after" | grep -c '^>' || true)
	build=ok; go build ./... > "$scratch/$name.build.txt" 2>&1 || build=FAILED
	vet=ok; go vet ./... > "$scratch/$name.vet.txt" 2>&1 || vet=FAILED
	read -r after _ < <(findings)
	# The unit tests of the packages that the fixes changed, offline
	# (GOPROXY=off: the build cache and module cache are warm), and,
	# where they fail, the same tests on an unfixed copy: a failure
	# that the fixes did not cause is the module's own.
	pkgs=$(diff "$scratch/sums.before" "$scratch/sums.after" | sed -n 's/^> [0-9a-f]*  //p' | xargs -r -n1 dirname | sort -u || true)
	tests=none
	if [ -n "$pkgs" ]; then
		tests=ok
		# shellcheck disable=SC2086
		if ! GOPROXY=off timeout 900 go test -count=1 $pkgs > "$scratch/$name.test.txt" 2>&1; then
			tests=FAILED
			cp -r "$corpus/$name" "$scratch/$name.orig"
			# shellcheck disable=SC2086
			(cd "$scratch/$name.orig" && GOPROXY=off timeout 900 go test -count=1 $pkgs > /dev/null 2>&1) && tests="FAILED (passes without the fixes)" || tests="FAILED (fails without the fixes too)"
			rm -rf "$scratch/$name.orig"
		fi
	fi
	echo "$name: findings $before -> $after after -fix; JSON diagnostics with a fix: $fixable; files changed: $changed; go build: $build; go vet: $vet; tests of the changed packages: $tests"
	[ "$tests" = ok ] || [ "$tests" = none ] || grep -E '^(FAIL|---|ok )' "$scratch/$name.test.txt" | head -20
	[ "$build" = ok ] || head -20 "$scratch/$name.build.txt"
	[ "$vet" = ok ] || head -20 "$scratch/$name.vet.txt"
	cd "$scratch"
	rm -rf "$dir"
done < "$here/modules.txt"
