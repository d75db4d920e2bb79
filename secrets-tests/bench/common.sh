# Shared set-up of the bench scripts (sourced, not run): the jar, a work directory, an OpenBao dev
# server, the 20 ms delay proxy in front of it, and static files filled from static-template.
# After `source common.sh`: $here $root $tree $jar $ours $work $bao_port $proxy_port, and
# VAULT_TOKEN/XDG_CACHE_HOME exported ($memo: the verification memo's files, to delete for a run
# that must verify). Everything started is stopped and $work removed on exit.
# Environment: PHALANX_TREE (default ../shared/phalanx-config next to the clone), BAO_PORT,
# PROXY_PORT, JAR (another secrets-cli-*-all.jar, e.g. an older build to compare), OURS (the
# whole command that runs phalanx-secrets), KEEP_WORK=1 to keep $work.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tree="${PHALANX_TREE:-$root/../shared/phalanx-config}"
for tool in bao python3 hyperfine java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not on the PATH" >&2; exit 2; }
done
if [ "${BENCH_NO_TREE:-}" != 1 ] && [ ! -d "$tree/environments" ]; then
  echo "bench: no Phalanx tree at $tree (set PHALANX_TREE)" >&2
  exit 2
fi
if [ -z "${JAR:-}" ] && ! ls "$root"/secrets-cli/target/secrets-cli-*-all.jar >/dev/null 2>&1; then
  echo "bench: building secrets-cli (./mvnw -pl secrets-cli -am package -DskipTests)" >&2
  (cd "$root" && ./mvnw -q -B -ntp -pl secrets-cli -am package -DskipTests -Dmaven.javadoc.skip)
fi
jar="${JAR:-$(ls "$root"/secrets-cli/target/secrets-cli-*-all.jar | head -1)}"
# The launcher a user of the clone runs (bin/phalanx-secrets: its JVM options and class-data
# sharing archive, which the first untimed run of each kind of command makes); with JAR=..., that
# jar with the launcher's JVM options but no archive (an older build may predate the archive).
if [ -n "${JAR:-}" ]; then
  ours="${OURS:-java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar}"
else
  ours="${OURS:-$root/bin/phalanx-secrets}"
fi
work="$(mktemp -d)"
bao_port="${BAO_PORT:-18200}"
proxy_port="${PROXY_PORT:-27431}"
bench_pids=()
bench_cleanup() {
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ "${KEEP_WORK:-}" = 1 ] && echo "bench: kept $work" >&2 || rm -rf "$work"
}
trap bench_cleanup EXIT
export VAULT_TOKEN=root XDG_CACHE_HOME="$work/cache"
memo="$work/cache/phalanx-secrets/key $work/cache/phalanx-secrets/verified"

# Starts OpenBao on $bao_port and the proxy that delays its responses by DELAY ms on $proxy_port.
start_servers() {
  local delay="${1:-20}"
  bao server -dev -dev-root-token-id=root -dev-listen-address="127.0.0.1:$bao_port" \
    >"$work/bao.log" 2>&1 &
  bench_pids+=($!)
  python3 "$here/delay_proxy.py" "$proxy_port" 127.0.0.1 "$bao_port" "$delay" \
    >"$work/proxy.log" 2>&1 &
  bench_pids+=($!)
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$bao_port") 2>/dev/null \
      && (exec 3<>"/dev/tcp/127.0.0.1/$proxy_port") 2>/dev/null; then
      sleep 0.5 # the dev server mounts secret/ just after it listens
      return 0
    fi
    sleep 0.1
  done
  echo "bench: OpenBao or the proxy did not start (see $work/*.log)" >&2
  exit 2
}

# Writes OUT: ENV's static-template with every value filled in and one registry.
fill_statics() {
  local env="$1" cfg="$2" out="$3"
  $ours static-template "$env" --config "$cfg" >"$work/template-$env.yaml"
  python3 - "$work/template-$env.yaml" "$out" <<'PY'
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
}

# Prints the load average with a label (every figure is recorded with it).
load_average() {
  echo "load average ($1): $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Syncs every environment of the tree into OpenBao directly, each with its static file filled in
# $work/secrets/ENV.yaml (the fleet scripts). The real tree has environments that cannot be
# resolved: each is named, and the rest go on.
sync_every_environment() {
  local env envs
  mkdir -p "$work/secrets"
  envs=$(cd "$tree/environments" && ls values-*.yaml | sed 's/^values-//; s/\.yaml$//')
  for env in $envs; do
    fill_statics "$env" "$tree" "$work/secrets/$env.yaml"
    $ours sync "$env" --config "$tree" --secrets "$work/secrets/$env.yaml" \
      --vault-url "http://127.0.0.1:$bao_port" >/dev/null 2>&1 \
      || echo "sync $env failed (unresolvable in the real tree)"
  done
}
