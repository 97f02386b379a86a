#!/bin/bash
# scale.sh: the scale check of issue 11. It replicates the pyvideo catalog
# 1x, 4x and 16x (each copy a series of its own, "PyCon US R2", with its own
# ids, so every copy adds talks, speakers' talks and events), imports each
# into an empty store, builds one example note, changes it and builds again,
# and prints, per size: talks, import time and peak memory, one-note rebuild
# time, no-change build time, stats time and store size.
#
#   scripts/scale.sh [SIZES...]        # default: 1 4 16
#
# It needs ../shared/corpus/pyvideo beside the repository, Python 3 and
# GNU time (/usr/bin/time); it builds talkgraph into a temporary folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=$repo/../shared/corpus/pyvideo
sizes=${*:-1 4 16}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/tg" ./cmd/talkgraph)
printf '%-6s %7s %10s %10s %12s %10s %8s %10s\n' size talks import_s peak_MB one_note_s nochange_s stats_s store_MB
for n in $sizes; do
  dir=$work/x$n
  mkdir -p "$dir/corpus" "$dir/notes"
  python3 - "$corpus" "$dir/corpus" "$n" <<'PY'
import json, os, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for series in sorted(os.listdir(src)):
    d = os.path.join(src, series)
    if not os.path.isdir(d):
        continue
    for f in sorted(os.listdir(d)):
        if not f.endswith('.jsonl'):
            continue
        lines = open(os.path.join(d, f), encoding='utf-8').read().split('\n')
        for r in range(n):
            out = os.path.join(dst, series + ('' if r == 0 else '-r%d' % (r + 1)))
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, f), 'w') as w:
                for l in lines:
                    if not l.strip():
                        continue
                    t = json.loads(l)
                    if r:
                        for k in ('id', 'event'):
                            if t.get(k):
                                t[k] = t[k] + '-r%d' % (r + 1)
                        for k in ('series', 'event_title'):
                            if t.get(k):
                                t[k] = t[k].replace(' 20', ' R%d 20' % (r + 1), 1) if k == 'event_title' else t[k] + ' R%d' % (r + 1)
                    w.write(json.dumps(t) + '\n')
PY
  cd "$dir"
  imp=$( { /usr/bin/time -f '%e %M' "$work/tg" import pyvideo corpus --quiet; } 2>&1 | tail -1)
  cp "$repo/examples/notes/jsconf-eu-2019-berlin.md" notes/
  "$work/tg" build notes --quiet
  echo "- one more line" >> notes/jsconf-eu-2019-berlin.md
  one=$( { /usr/bin/time -f '%e' "$work/tg" build notes --quiet; } 2>&1 | tail -1)
  none=$( { /usr/bin/time -f '%e' "$work/tg" build notes --quiet; } 2>&1 | tail -1)
  st=$( { /usr/bin/time -f '%e' "$work/tg" stats >/dev/null; } 2>&1 | tail -1)
  talks=$("$work/tg" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["nodes"]["Talk"])')
  size=$(du -sb .talkgraph | cut -f1)
  read -r secs kb <<<"$imp"
  printf '%-6s %7s %10s %10.0f %12s %10s %8s %10.1f\n' "${n}x" "$talks" "$secs" "$((kb / 1024))" "$one" "$none" "$st" "$(echo "$size / 1048576" | bc -l)"
  cd "$repo"
  rm -rf "$dir"
done
