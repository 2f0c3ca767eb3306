#!/usr/bin/env bash
# compare.sh BEFORE AFTER [NAME...] — runs run.sh from two checkouts of
# blockcheck (directories, such as git worktrees) on the corpus modules,
# both modes, each module's four runs in turn so that a busy machine
# weighs on both alike, and prints the findings that differ. Results go
# to $OUT/before and $OUT/after (OUT defaults to ./corpus-compare).
set -euo pipefail
if [ $# -lt 2 ]; then
	echo "usage: compare.sh BEFORE AFTER [NAME...]" >&2
	exit 2
fi
before=$(cd "$1" && pwd)
after=$(cd "$2" && pwd)
shift 2
out=${OUT:-$PWD/corpus-compare}
here=$(cd "$(dirname "$0")" && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	mapfile -t names < <(sed -e '/^#/d' -e '/^$/d' -e 's/ .*//' "$here/modules.txt")
fi
for name in "${names[@]}"; do
	for mode in package program; do
		MODE=$mode OUT="$out/before" "$before/bench/corpus/run.sh" "$name" | sed "s/^/before $mode: /" | cut -c1-200
		MODE=$mode OUT="$out/after" "$after/bench/corpus/run.sh" "$name" | sed "s/^/after $mode: /" | cut -c1-200
	done
done
for f in "$out"/before/*.txt; do
	n=$(basename "$f")
	if ! cmp -s "$f" "$out/after/$n"; then
		echo "== $n"
		diff <(sed '1,/^total/d' "$f" | sort) <(sed '1,/^total/d' "$out/after/$n" | sort) || true
	fi
done
