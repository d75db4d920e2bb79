#!/usr/bin/env bash
# The fleet side by side (BENCHMARKS.md, issue 13): Phalanx has no fleet command, so what an
# operator runs today is `phalanx secrets audit ENV` for every environment, one after another or
# six at a time (xargs -P 6, the fleet's default --jobs). Both tools audit the same copy of the real
# tree, every environment's vaultUrl pointed at the 20 ms proxy, against one OpenBao dev server
# into which every environment was synced. Needs bao, python3, java and PHALANX_BIN.
# Usage: PHALANX_BIN=/path/to/phalanx secrets-tests/bench/fleet-phalanx.sh [ROUNDS]
BAO_PORT="${BAO_PORT:-18260}" PROXY_PORT="${PROXY_PORT:-27491}"
phalanx="${PHALANX_BIN:?set PHALANX_BIN to a phalanx executable}"
source "$(dirname "$0")/common.sh"
rounds="${1:-2}"
start_servers 20
sync_every_environment
# Phalanx has no --vault-url: a copy of the tree whose environments all name the proxy.
cp -r "$tree" "$work/tree"
for f in "$work"/tree/environments/values-*.yaml; do
  python3 - "$f" "http://127.0.0.1:$proxy_port" <<'PY'
import sys
path, url = sys.argv[1], sys.argv[2]
lines = [l for l in open(path).read().split("\n") if not l.startswith("vaultUrl:")]
lines.insert(1, 'vaultUrl: "%s"' % url)
open(path, "w").write("\n".join(lines))
PY
done
envs=$(cd "$tree/environments" && ls values-*.yaml | sed 's/^values-//; s/\.yaml$//')
export phalanx work
one() { "$phalanx" secrets audit "$1" -c "$work/tree" --secrets "$work/secrets/$1.yaml" >/dev/null 2>&1; }
export -f one
# The first audit --all of ours makes the launcher's class-data archive and fills the memo.
$ours audit --all --config "$work/tree" --secrets-dir "$work/secrets" >/dev/null 2>&1 || true
ms() { echo $((($2 - $1) / 1000000)); }
load_average "before"
for r in $(seq "$rounds"); do
  t0=$(date +%s%N)
  for e in $envs; do one "$e" || true; done
  t1=$(date +%s%N)
  echo "$envs" | tr ' ' '\n' | xargs -P 6 -I{} bash -c 'one {}' || true
  t2=$(date +%s%N)
  $ours audit --all --config "$work/tree" --secrets-dir "$work/secrets" >/dev/null 2>&1 || true
  t3=$(date +%s%N)
  echo "round $r: Phalanx one after another $(ms "$t0" "$t1") ms, Phalanx six at a time" \
    "$(ms "$t1" "$t2") ms, ours audit --all $(ms "$t2" "$t3") ms"
done
load_average "after"
