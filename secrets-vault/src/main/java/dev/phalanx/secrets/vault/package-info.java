/**
 * The Vault/OpenBao KV v2 backend: {@link VaultSecretStore} (store type {@code vault}) over a
 * {@link VaultConnection} (a checked configuration with its authenticated client, also the bulk
 * copy and export of the {@code vault} command, and the generic {@code read}/{@code list}/{@code
 * write}/{@code put} of a Vault API path that the credential administration in {@code admin} is
 * built on). Replies are read by path through {@link VaultReply}; failed requests throw {@link
 * VaultException}.
 *
 * <p>Everything else is package-private: the HTTP client over the shared seam {@link
 * dev.phalanx.secrets.http} (Vault's headers, JSON, TLS set-up, and the one place where HTTP errors
 * become exceptions), the login methods (token, AppRole, Kubernetes, chosen from the store options
 * {@code auth}, {@code role-id}, {@code auth-mount}, ...) and the session that logs in lazily and
 * renews a renewable token close to its expiry. The parsed JSON of responses never leaves this
 * package: no public signature of this module has a Jackson type. Nothing here logs or prints a
 * token, a SecretID, a JWT or a request or response body.
 */
@NullMarked
package dev.phalanx.secrets.vault;

import org.jspecify.annotations.NullMarked;
