/**
 * The Vault/OpenBao HTTP client over the shared backend seam {@link dev.phalanx.secrets.http} (its
 * retry policy, redirect rule, timeouts and redaction): TLS set-up, Vault's headers and JSON, and
 * the one place where HTTP errors become exceptions.
 *
 * <p>{@link VaultClient} is the entry point. Nothing in this package logs or prints a token or a
 * request or response body.
 */
@NullMarked
package dev.phalanx.secrets.vault.client;

import org.jspecify.annotations.NullMarked;
