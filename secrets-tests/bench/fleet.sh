#!/usr/bin/env bash
# Fleet figures of BENCHMARKS.md (issue 13): every environment of the real tree synced into one
# OpenBao dev server, then `audit --all` through the 20 ms proxy against the audit of the largest
# single environment. Needs bao, python3, hyperfine and a built secrets-cli/target/*-all.jar.
# Usage: secrets-tests/bench/fleet.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-3}"
tree="${PHALANX_TREE:-$root/../shared/phalanx-config}"
jar="$(ls "$root"/secrets-cli/target/secrets-cli-*-all.jar)"
ours="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar"
work="$(mktemp -d)"
bao_port="${BAO_PORT:-18210}"
proxy_port="${PROXY_PORT:-27441}"
bao server -dev -dev-root-token-id=root -dev-listen-address="127.0.0.1:$bao_port" >"$work/bao.log" 2>&1 &
bao_pid=$!
python3 "$here/delay_proxy.py" "$proxy_port" 127.0.0.1 "$bao_port" 20 >"$work/proxy.log" 2>&1 &
proxy_pid=$!
trap 'kill $bao_pid $proxy_pid 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 3
export VAULT_TOKEN=root XDG_CACHE_HOME="$work/cache"
mkdir -p "$work/secrets"
envs=$(cd "$tree/environments" && ls values-*.yaml | sed 's/^values-//; s/\.yaml$//')
for env in $envs; do
  $ours static-template "$env" --config "$tree" >"$work/template.yaml"
  python3 - "$work/template.yaml" "$work/secrets/$env.yaml" <<'PY'
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
  $ours sync "$env" --config "$tree" --secrets "$work/secrets/$env.yaml" \
    --vault-url "http://127.0.0.1:$bao_port" >/dev/null 2>&1 || echo "sync $env failed (unresolvable in the real tree)"
done
url="--vault-url http://127.0.0.1:$proxy_port"
$ours audit --all --config "$tree" --secrets-dir "$work/secrets" $url || true
largest=base
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/fleet.md" \
  "$ours audit $largest --config $tree --secrets $work/secrets/$largest.yaml $url" \
  "$ours audit --all --config $tree --secrets-dir $work/secrets $url"
cat "$work/fleet.md"
uptime
