#!/usr/bin/env bash
# fetch.sh [NAME...] — copies the corpus modules, at their pinned
# versions, from the Go module proxy into $BLOCKCHECK_CORPUS (default
# ~/.cache/blockcheck-corpus), applies the preparation steps that
# ../shared/corpus/README.md gives, and builds each once so that later
# timings do not include compilation. Modules already present are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${BLOCKCHECK_CORPUS:-$HOME/.cache/blockcheck-corpus}
# Modules are used as published: a go.work in a module (prometheus has
# one) names nested modules that are not in its zip.
export GOWORK=off
mkdir -p "$dest"

want=("$@")
while read -r name modver; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " == *" $name "* ]]; then
		continue
	fi
	dir="$dest/$name"
	if [ -f "$dir/.prepared" ]; then
		echo "$name: present in $dir"
		continue
	fi
	echo "$name: fetching $modver"
	src=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "$modver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	rm -rf "$dir"
	cp -r "$src" "$dir"
	chmod -R u+w "$dir"
	case "$name" in
	hydra) (cd "$dir" && go mod edit -dropreplace=github.com/ory/hydra-client-go/v2) ;;
	perses) printf 'package ui\n\nimport "embed"\n\nvar embedFS embed.FS\n' > "$dir/ui/embed.go" ;;
	esac
	(cd "$dir" && GOFLAGS=-mod=mod go mod download && GOFLAGS=-mod=mod go build ./... ) || echo "$name: build failed (see above)"
	touch "$dir/.prepared"
done < "$here/modules.txt"
