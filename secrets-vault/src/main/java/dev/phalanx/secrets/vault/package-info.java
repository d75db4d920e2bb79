/**
 * The Vault/OpenBao KV v2 backend: {@link VaultSecretStore} (store type {@code vault}) over a
 * {@link VaultConnection} (a checked configuration with its authenticated client, also the bulk
 * copy and export of the {@code vault} command).
 *
 * <p>The HTTP client lives in {@code client}, login and token renewal in {@code authentication},
 * the credential administration (policies, the read AppRole, the write token, their audit) in
 * {@code admin}. The parsed JSON of responses never leaves {@code client}: no public signature of
 * this module has a Jackson type.
 */
@NullMarked
package dev.phalanx.secrets.vault;

import org.jspecify.annotations.NullMarked;
