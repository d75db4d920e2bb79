# Class-data sharing for the phalanx-secrets launchers (sourced by bin/phalanx-secrets, not run).
#
# A cold start of the tool spends about a quarter of its CPU loading and verifying classes
# (BENCHMARKS.md, issue 13). With an archive of the classes an earlier run loaded
# (-XX:SharedArchiveFile), the JVM maps them instead. JDK 17 cannot make that archive by itself,
# so the first run of each kind of command (commands that reach a store or source, and the others)
# that does its work (a usage or other error leaves none: it loaded too little) writes one at exit (-XX:ArchiveClassesAtExit, about a second longer, once), which is checked
# (-Xshare:on) before it is put in place. Later runs use it. The archives live in
# ${XDG_CACHE_HOME:-~/.cache}/phalanx-secrets/cds (owner-only), one per kind, keyed by the JDK and
# the jars on the class path: an upgrade of either makes a new one and removes the old. They hold
# class metadata only, never a value. PHALANX_SECRETS_CDS=off runs without them; deleting the
# directory is always safe.
#
# phalanx_cds JAVA CLASSPATH ARGS...  sets cds_opts (JVM options) and cds_tmp (archive being made).
# phalanx_cds_adopt JAVA CLASSPATH STATUS   after a run with cds_tmp set: when the run did its work
#                                           (exit 0 or 1), checks the archive and puts it in place.

phalanx_cds() {
  cds_opts=()
  cds_tmp=""
  cds_archive=""
  local java="$1" classpath="$2"
  shift 2
  if [ "${PHALANX_SECRETS_CDS:-on}" = off ]; then
    return 0
  fi
  local cache="${XDG_CACHE_HOME:-}"
  if [ -z "$cache" ]; then
    [ -n "${HOME:-}" ] || return 0
    cache="$HOME/.cache"
  fi
  local dir="$cache/phalanx-secrets/cds"
  local kind=local word seen_secrets=false
  for word in "$@"; do
    case "$word" in
      --debug | --trace | -q | --quiet) continue ;;
      secrets) if [ "$seen_secrets" = false ]; then seen_secrets=true; continue; fi ;;
    esac
    case "$word" in
      audit | sync | plan | export | explain | vault | onepassword-secrets) kind=store ;;
    esac
    break
  done
  local java_real entries=() entry key
  java_real="$(readlink -f "$(command -v "$java")" 2>/dev/null)" || return 0
  IFS=: read -r -a entries <<<"$classpath"
  key="$(
    {
      IFS=
      stat -L -c '%n %s %Y' "$java_real"
      for entry in "${entries[@]}"; do
        # shellcheck disable=SC2086 # a lib/* entry expands to its jars, as java expands it
        stat -L -c '%n %s %Y' $entry
      done
    } 2>/dev/null | cksum | cut -d' ' -f1
  )" || return 0
  cds_archive="$dir/$kind-$key.jsa"
  if [ -f "$cds_archive" ]; then
    cds_opts=("-XX:SharedArchiveFile=$cds_archive")
    return 0
  fi
  (umask 077 && mkdir -p "$dir") 2>/dev/null || return 0
  cds_tmp="$cds_archive.$$.tmp"
  cds_opts=("-XX:ArchiveClassesAtExit=$cds_tmp" "-Xlog:cds*=off")
}

phalanx_cds_adopt() {
  local java="$1" classpath="$2" status="$3"
  [ -n "$cds_tmp" ] || return 0
  if { [ "$status" = 0 ] || [ "$status" = 1 ]; } && [ -s "$cds_tmp" ] \
    && "$java" -XX:SharedArchiveFile="$cds_tmp" -Xshare:on -Xlog:disable -cp "$classpath" \
      -version >/dev/null 2>&1; then
    local old kind="${cds_archive##*/}"
    kind="${kind%%-*}"
    for old in "${cds_archive%/*}/$kind"-*.jsa; do
      [ "$old" = "$cds_archive" ] || rm -f "$old"
    done
    mv -f "$cds_tmp" "$cds_archive"
  fi
  rm -f "$cds_tmp"
}
