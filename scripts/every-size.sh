#!/bin/bash
# every-size.sh: the table of issue 11, measured with the release binary on
# the pyvideo catalog. In an empty folder it imports the catalog, builds the
# example notes, then times (median of 3 runs, /usr/bin/time): a no-change
# build and import, a build after one note changed, stats, show speaker,
# links, export widgets (into an empty folder, then again), and, when
# NEO4J_URI names a Neo4j, load into an empty Neo4j and import --store neo4j
# into an empty Neo4j. The extraction ratio comes from BenchmarkExtractCorpus.
#
#   scripts/every-size.sh                      # embedded rows
#   NEO4J_URI=bolt://127.0.0.1:7687 scripts/every-size.sh   # and Neo4j rows
#
# Neo4j is emptied by loading an empty embedded store: run it against a
# Neo4j you do not mind emptying.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=$repo/../shared/corpus/pyvideo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/tg" ./cmd/talkgraph)
tg=$work/tg
cd "$work"
mkdir notes empty-store
cp "$repo"/examples/notes/*.md notes/
# t NAME CMD...: the median wall time of 3 runs of CMD; SETUP, if set, runs before each.
t() {
  local name=$1; shift
  local times=()
  for _ in 1 2 3; do
    if [ -n "${SETUP:-}" ]; then eval "$SETUP"; fi
    /usr/bin/time -o time.txt -f '%e' "$@" >/dev/null 2>&1
    times+=("$(tail -1 time.txt)")
  done
  printf '%-44s %s s\n' "$name" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)"
}
SETUP='rm -rf .talkgraph' t "import pyvideo, empty store" "$tg" import pyvideo "$corpus" --quiet
"$tg" import pyvideo "$corpus" --quiet
"$tg" build notes --quiet
t "no-change import" "$tg" import pyvideo "$corpus" --quiet
t "no-change build" "$tg" build notes --quiet
SETUP='echo "- one more line $RANDOM" >> notes/jsconf-eu-2019-berlin.md' t "build after one note changed" "$tg" build notes --quiet
t "stats" "$tg" stats
t "show speaker" "$tg" show speaker "Kavya Joshi"
t "links notes" "$tg" links notes
SETUP='rm -rf widgets' t "export widgets, empty folder" "$tg" export widgets --out widgets
t "export widgets again" "$tg" export widgets --out widgets
echo "store: $(du -sh .talkgraph | cut -f1)"
if [ -n "${NEO4J_URI:-}" ]; then
  SETUP="$tg load --store-path empty-store --quiet" t "load into an empty Neo4j" "$tg" load --quiet
  mkdir n4 && cd n4
  SETUP="$tg load --store-path ../empty-store --quiet" t "import pyvideo --store neo4j, empty Neo4j" "$tg" import pyvideo "$corpus" --store neo4j --quiet
  cd ..
fi
(cd "$repo" && go test ./internal/extract -run '^$' -bench ExtractCorpus -benchtime 3x | grep -o '[0-9.]* x_goldmark')
