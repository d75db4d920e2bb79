#!/usr/bin/env bash
# The README's main command: a real sync of the example environment into a local file store,
# then an audit showing the store is in line. Run it twice: the second sync reports no changes.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
store="${PHALANX_EXAMPLE_STORE:-$root/target/example-store.json}"
cli="$root/bin/phalanx-secrets"
args=(--config "$root/examples/phalanx" --secrets "$root/examples/static-secrets.yaml" --store "file:$store")

echo "\$ phalanx-secrets sync example ${args[*]}"
"$cli" sync example "${args[@]}"
echo
echo "\$ phalanx-secrets audit example ${args[*]}"
if "$cli" audit example "${args[@]}"; then
  echo "Audit clean: the store holds exactly what environment 'example' requires."
fi
