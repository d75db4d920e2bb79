/**
 * The Vault/OpenBao KV v2 backend: {@link dev.phalanx.secrets.vault.VaultSecretStore} (store type
 * {@code vault}) and {@link dev.phalanx.secrets.vault.VaultCredentials} (policies, the read
 * AppRole, the write token, copy and export).
 *
 * <p>The transport lives in {@code client}, login and token renewal in {@code authentication}.
 */
@NullMarked
package dev.phalanx.secrets.vault;

import org.jspecify.annotations.NullMarked;
