#!/bin/bash
# kill9.sh: crash safety of the embedded store on the real binary. It
# imports the pyvideo catalog, then N times (default 40): changes every
# example note, starts `talkgraph build`, kills it with SIGKILL after a
# random delay (0 to 1.5 s), and checks that the store opens, that `stats`
# reads it and that `cypher` can query it, and that its notes are either
# all as before the build or all as after (never a mix). It prints how many
# kills landed before, during and after the write.
#
#   scripts/kill9.sh [N]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/tg" ./cmd/talkgraph)
cd "$work"
mkdir notes
cp "$repo"/examples/notes/*.md notes/
./tg import pyvideo "$repo/../shared/corpus/pyvideo" --quiet
./tg build notes --quiet
hashes() { ./tg cypher --json 'MATCH (n:Note) RETURN n.path AS p, n.hash AS h ORDER BY p' ; }
old=0 new=0 bad=0
for i in $(seq 1 "$n"); do
  before=$(hashes)
  for f in notes/*.md; do echo "- change $i" >> "$f"; done
  ./tg build notes --quiet &
  pid=$!
  sleep "$(python3 -c "import random; print(random.uniform(0, 1.5))")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! ./tg stats >/dev/null 2>&1 || ! now=$(hashes 2>/dev/null); then
    echo "kill $i: the store does not open or answer" >&2
    bad=$((bad + 1))
    continue
  fi
  if [ "$now" = "$before" ]; then
    old=$((old + 1))
  else
    # the build after the kill must find the store consistent: all notes of
    # the change or none (a rebuild then changes nothing or everything)
    changed=$(./tg build notes --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["notes_extracted"])')
    if [ "$changed" != "0" ]; then
      echo "kill $i: a mix: $changed notes still to apply after the kill" >&2
      bad=$((bad + 1))
    fi
    new=$((new + 1))
  fi
  ./tg build notes --quiet
done
echo "kills: $n; store as before: $old; as after: $new; damaged or mixed: $bad"
[ "$bad" -eq 0 ]
