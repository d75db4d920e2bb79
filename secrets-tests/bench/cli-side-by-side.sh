#!/usr/bin/env bash
# Side-by-side cold-CLI figures of BENCHMARKS.md (issue 13, goals 1 and 4): Phalanx and
# phalanx-secrets on the same OpenBao dev server, real tree, idfdev. Needs: bao, hyperfine, python3,
# java (builds secrets-cli if no jar is there), and PHALANX_BIN (a Phalanx install; not part of this
# repository). Usage: PHALANX_BIN=/path/to/phalanx secrets-tests/bench/cli-side-by-side.sh [RUNS]
phalanx="${PHALANX_BIN:?set PHALANX_BIN to a phalanx executable}"
source "$(dirname "$0")/common.sh"
runs="${1:-5}"
start_servers 20
# Phalanx has no --vault-url: two copies of the tree whose idfdev points at the server directly or
# through the 20 ms proxy.
for kind in direct proxy; do
  cp -r "$tree" "$work/$kind"
done
sed -i "1a vaultUrl: \"http://127.0.0.1:$bao_port\"" "$work/direct/environments/values-idfdev.yaml"
sed -i "1a vaultUrl: \"http://127.0.0.1:$proxy_port\"" "$work/proxy/environments/values-idfdev.yaml"
fill_statics idfdev "$work/direct" "$work/idfdev.yaml"
s="--secrets $work/idfdev.yaml"
$ours sync idfdev --config "$work/direct" $s >/dev/null
"$phalanx" secrets sync idfdev -c "$work/direct" $s >/dev/null
$ours audit idfdev --config "$work/direct" $s # clean, and fills the verification memo
load_average "before"
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/list.md" \
  "$phalanx secrets list idfdev -c $work/direct" "$ours list idfdev --config $work/direct"
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/audit.md" \
  "$phalanx secrets audit idfdev -c $work/direct $s" "$ours audit idfdev --config $work/direct $s"
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/sync.md" \
  "$phalanx secrets sync idfdev -c $work/proxy $s" "$ours sync idfdev --config $work/proxy $s"
hyperfine -N -i -w 0 -r "$runs" --prepare "rm -f $memo" --export-markdown "$work/audit-miss.md" \
  "$ours audit idfdev --config $work/direct $s"
cat "$work"/list.md "$work"/audit.md "$work"/sync.md "$work"/audit-miss.md
load_average "after"
