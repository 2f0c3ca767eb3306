#!/usr/bin/env bash
# run.sh [NAME...] — runs blockcheck (built from this checkout) on the
# corpus modules that fetch.sh prepared, and writes, per module,
# $OUT/NAME.txt: counts per category, then one line per finding.
# OUT defaults to ./corpus-results. MODE=program runs whole-program
# mode (files NAME.program.txt), with /usr/bin/time's figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=${BLOCKCHECK_CORPUS:-$HOME/.cache/blockcheck-corpus}
out=${OUT:-$PWD/corpus-results}
export GOWORK=off
mkdir -p "$out"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$repo" && go build -o "$bin/blockcheck" ./cmd/blockcheck)
(cd "$here/.." && go build -o "$bin/tally" ./corpus/tally)

want=("$@")
while read -r name modver; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " == *" $name "* ]]; then
		continue
	fi
	dir="$corpus/$name"
	if [ ! -f "$dir/.prepared" ]; then
		echo "$name: not fetched; run fetch.sh $name"
		continue
	fi
	start=$(date +%s)
	if [ "${MODE:-package}" = program ]; then
		res="$out/$name.program.txt"
		(cd "$dir" && GOFLAGS=-mod=mod /usr/bin/time -v "$bin/blockcheck" -mode=program -format=json ./... 2> "$out/$name.program.stderr" | "$bin/tally" -root "$dir" > "$res") || true
		mem=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.program.stderr")
		echo "$name program mode ($(( $(date +%s) - start ))s, peak ${mem} kB): $(grep -c . "$res") lines; $(grep '^total' "$res")"
	else
		res="$out/$name.txt"
		(cd "$dir" && GOFLAGS=-mod=mod "$bin/blockcheck" -json ./... 2> "$out/$name.stderr" | "$bin/tally" -root "$dir" > "$res") || true
		echo "$name ($(( $(date +%s) - start ))s): $(head -n 4 "$res" | tr '\n' ' ')"
	fi
done < "$here/modules.txt"
