#!/usr/bin/env bash
# Side-by-side cold-CLI figures of BENCHMARKS.md (issue 13): Phalanx and phalanx-secrets on the same
# OpenBao dev server, real tree, idfdev. Needs: bao, hyperfine, python3, a built
# secrets-cli/target/secrets-cli-*-all.jar, and PHALANX_BIN (a Phalanx install; not part of this
# repository). Usage: secrets-tests/bench/cli-side-by-side.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
tree="${PHALANX_TREE:-$root/../shared/phalanx-config}"
jar="$(ls "$root"/secrets-cli/target/secrets-cli-*-all.jar)"
phalanx="${PHALANX_BIN:?set PHALANX_BIN to a phalanx executable}"
ours="${OURS:-java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar}"
work="$(mktemp -d)"
bao_port="${BAO_PORT:-18200}"
proxy_port="${PROXY_PORT:-27431}"
bao server -dev -dev-root-token-id=root -dev-listen-address="127.0.0.1:$bao_port" >"$work/bao.log" 2>&1 &
bao_pid=$!
python3 "$here/delay_proxy.py" "$proxy_port" 127.0.0.1 "$bao_port" 20 >"$work/proxy.log" 2>&1 &
proxy_pid=$!
trap 'kill $bao_pid $proxy_pid 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 3
export VAULT_TOKEN=root XDG_CACHE_HOME="$work/cache"
# Phalanx has no --vault-url: two copies of the tree whose idfdev points at the server directly or
# through the 20 ms proxy.
for kind in direct proxy; do
  cp -r "$tree" "$work/$kind"
done
sed -i "1a vaultUrl: \"http://127.0.0.1:$bao_port\"" "$work/direct/environments/values-idfdev.yaml"
sed -i "1a vaultUrl: \"http://127.0.0.1:$proxy_port\"" "$work/proxy/environments/values-idfdev.yaml"
$ours static-template idfdev --config "$work/direct" >"$work/template.yaml"
python3 - "$work/template.yaml" "$work/idfdev.yaml" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
n = [0]
def fill(m):
    n[0] += 1
    return m.group(1) + "value: v%06dabc" % n[0]
s = re.sub(r"^(\s*)value: null$", fill, s, flags=re.M)
s = s.replace("registries: {}", "registries:\n    ghcr.io:\n      username: robot\n      password: pw123456")
open(sys.argv[2], "w").write(s)
PY
s="--secrets $work/idfdev.yaml"
$ours sync idfdev --config "$work/direct" $s >/dev/null
"$phalanx" secrets sync idfdev -c "$work/direct" $s >/dev/null
$ours audit idfdev --config "$work/direct" $s # clean, and fills the verification memo
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/list.md" \
  "$phalanx secrets list idfdev -c $work/direct" "$ours list idfdev --config $work/direct"
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/audit.md" \
  "$phalanx secrets audit idfdev -c $work/direct $s" "$ours audit idfdev --config $work/direct $s"
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/sync.md" \
  "$phalanx secrets sync idfdev -c $work/proxy $s" "$ours sync idfdev --config $work/proxy $s"
hyperfine -N -i -w 0 -r "$runs" --prepare "rm -rf $work/cache" --export-markdown "$work/audit-miss.md" \
  "$ours audit idfdev --config $work/direct $s"
cat "$work"/list.md "$work"/audit.md "$work"/sync.md "$work"/audit-miss.md
uptime
