#!/usr/bin/env bash
# Goal 2 of issue 13 in BENCHMARKS.md: the cold CLI's first sync of N synthetic applications (three
# generated passwords and one static secret each, synthetic_tree.py) into an empty OpenBao mount
# through the 20 ms proxy, against its request floor: 1 + N reads and N writes, each at concurrency
# 16, i.e. (ceil((1 + N)/16) + ceil(N/16)) round trips. Then the audit of the same.
# Usage: secrets-tests/bench/first-sync.sh [RUNS] [N]      (default 3 runs, N = 1000)
BAO_PORT="${BAO_PORT:-18220}" PROXY_PORT="${PROXY_PORT:-27451}" BENCH_NO_TREE=1
source "$(dirname "$0")/common.sh"
runs="${1:-3}"
n="${2:-1000}"
start_servers 20
python3 "$here/synthetic_tree.py" "$work/tree" "$n" "http://127.0.0.1:$proxy_port"
export VAULT_ADDR="http://127.0.0.1:$bao_port"
# An empty mount before each timed sync.
reset="bao secrets disable secret >/dev/null && bao secrets enable -path=secret -version=2 kv >/dev/null"
sync="$ours sync bench --config $work/tree --secrets $work/tree/statics.yaml"
audit="$ours audit bench --config $work/tree --secrets $work/tree/statics.yaml"
# One untimed sync and audit: the launcher's class-data sharing archive is made by a first run.
bash -c "$reset" && $sync >/dev/null && $audit >/dev/null
load_average "before"
hyperfine -N -i -w 0 -r "$runs" --prepare "bash -c '$reset'" --export-markdown "$work/first-sync.md" "$sync"
load_average "after the first syncs"
bash -c "$reset" && $sync >/dev/null
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/audit.md" "$audit"
cat "$work/first-sync.md" "$work/audit.md"
python3 - "$n" <<'PY'
import math, sys
n = int(sys.argv[1])
trips = math.ceil((1 + n) / 16) + math.ceil(n / 16)
print("first sync floor: %d round trips x 20 ms = %.2f s (requests: %d reads + %d writes)"
      % (trips, trips * 0.02, 1 + n, n))
print("audit floor: %d round trips x 20 ms = %.2f s" % (math.ceil((1 + n) / 16), math.ceil((1 + n) / 16) * 0.02))
PY
load_average "after"
