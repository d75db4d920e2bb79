#!/usr/bin/env bash
# Proves that the phalanx-secrets command-line tool discovers a third-party store on its class
# path: builds the library and this example, syncs the example environment into a 'dirstore:'
# directory, then audits it (exit 0 = the store holds exactly what the environment needs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

(cd "$root" && ./mvnw -q -B install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
(cd "$here" && "$root/mvnw" -q -B -f pom.xml package -DskipTests)

cli_jar=("$root"/secrets-cli/target/secrets-cli-*-all.jar)
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
cp="${cli_jar[0]}:$here/target/custom-store.jar"
args=(--config "$root/examples/phalanx" --secrets "$root/examples/static-secrets.yaml" --store "dirstore:$store")

java -cp "$cp" dev.phalanx.secrets.cli.Main sync example "${args[@]}"
java -cp "$cp" dev.phalanx.secrets.cli.Main audit example "${args[@]}"
echo "dirstore holds:"; ls "$store"
