#!/usr/bin/env bash
# Same-run A/B of the fleet figure of BENCHMARKS.md (issue 13) for two or more builds: every
# environment of the real tree synced into one OpenBao dev server, then, for each pair and each jar
# in turn, `audit base` and `audit --all` through the 20 ms proxy. Runs are interleaved because a
# shared VM's speed drifts from minute to minute (by ±15 % in the fifth pass); the ratio reported is
# the median of the per-pair ratios. Each jar runs with the launcher's JVM options and a class-data
# sharing archive of its own, made by one untimed `audit base`.
# Usage: secrets-tests/bench/fleet-ab.sh PAIRS JAR [JAR...]
#   e.g. secrets-tests/bench/fleet-ab.sh 15 /tmp/before.jar secrets-cli/target/secrets-cli-*-all.jar
BAO_PORT="${BAO_PORT:-18250}" PROXY_PORT="${PROXY_PORT:-27481}"
pairs="${1:?usage: fleet-ab.sh PAIRS JAR [JAR...]}"
shift
[ $# -ge 1 ] || { echo "usage: fleet-ab.sh PAIRS JAR [JAR...]" >&2; exit 2; }
JAR="$1" source "$(dirname "$0")/common.sh"
start_servers 20
sync_every_environment
url="--vault-url http://127.0.0.1:$proxy_port"
base=(audit base --config "$tree" --secrets "$work/secrets/base.yaml" $url)
all=(audit --all --config "$tree" --secrets-dir "$work/secrets" $url)
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
i=0
for j in "$@"; do
  java "${jvm[@]}" -XX:ArchiveClassesAtExit="$work/cds-$i.jsa" -Xlog:cds*=off -jar "$j" "${base[@]}" >/dev/null 2>&1 || true
  # The first audit --all of a jar fills the verification memo for the rest.
  java "${jvm[@]}" -jar "$j" "${all[@]}" >/dev/null 2>&1 || true
  i=$((i + 1))
done
# Prints the wall time of one run in milliseconds.
timed() {
  local start end
  start=$(date +%s%N)
  java "${jvm[@]}" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
declare -A B A R
load_average "before"
for p in $(seq "$pairs"); do
  i=0
  for j in "$@"; do
    b=$(timed -XX:SharedArchiveFile="$work/cds-$i.jsa" -jar "$j" "${base[@]}")
    a=$(timed -XX:SharedArchiveFile="$work/cds-$i.jsa" -jar "$j" "${all[@]}")
    B[$i]+="$b "
    A[$i]+="$a "
    R[$i]+="$(python3 -c "print(f'{$a / $b:.3f}')") "
    i=$((i + 1))
  done
done
# median FORMAT VALUES...: the median of the values, formatted (e.g. .0f, .2f).
median() {
  local format="$1"
  shift
  python3 -c "import statistics, sys; print(format(statistics.median(float(x) for x in sys.argv[2:]), sys.argv[1]))" "$format" "$@"
}
i=0
for j in "$@"; do
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  echo "$j: audit base $(median .0f ${B[$i]}) ms, audit --all $(median .0f ${A[$i]}) ms," \
    "median of per-pair ratios $(median .2f ${R[$i]})× ($pairs pairs)"
  i=$((i + 1))
done
load_average "after"
