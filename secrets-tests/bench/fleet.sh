#!/usr/bin/env bash
# Fleet figures of BENCHMARKS.md (issue 13): every environment of the real tree synced into one
# OpenBao dev server, then `audit --all` through the 20 ms proxy against the audit of the largest
# single environment. Needs bao, python3, hyperfine, java (builds secrets-cli if no jar is there).
# Usage: secrets-tests/bench/fleet.sh [RUNS]     (PROFILE=1: also a JFR profile of audit --all)
BAO_PORT="${BAO_PORT:-18210}" PROXY_PORT="${PROXY_PORT:-27441}"
source "$(dirname "$0")/common.sh"
runs="${1:-3}"
start_servers 20
sync_every_environment
url="--vault-url http://127.0.0.1:$proxy_port"
# Fills the verification memo (the first run of a fleet verifies every bcrypt hash once).
/usr/bin/time -f "first audit --all (memo empty): %e s wall, %U s user, %S s sys" \
  $ours audit --all --config "$tree" --secrets-dir "$work/secrets" $url || true
load_average "after the first audit --all"
if [ "${PROFILE:-}" = 1 ]; then
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:StartFlightRecording=filename="$work/fleet.jfr",settings=profile \
    -jar "$jar" audit --all --config "$tree" --secrets-dir "$work/secrets" $url >/dev/null || true
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/fleet.jfr" >"${PROFILE_OUT:-/tmp}/fleet-samples.txt"
  echo "profile: ${PROFILE_OUT:-/tmp}/fleet-samples.txt"
fi
largest=base
load_average "before hyperfine"
hyperfine -N -i -w 1 -r "$runs" --export-markdown "$work/fleet.md" \
  "$ours audit $largest --config $tree --secrets $work/secrets/$largest.yaml $url" \
  "$ours audit --all --config $tree --secrets-dir $work/secrets $url"
cat "$work/fleet.md"
load_average "after hyperfine"
