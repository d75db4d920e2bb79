/**
 * The HTTP transport to Vault/OpenBao: a thin seam over {@code java.net.http}, one retry decorator,
 * redirect handling, TLS set-up and the one place where HTTP errors become exceptions.
 *
 * <p>{@link dev.phalanx.secrets.vault.client.VaultClient} is the entry point. Nothing in this
 * package logs or prints a token or a request or response body.
 */
@NullMarked
package dev.phalanx.secrets.vault.client;

import org.jspecify.annotations.NullMarked;
