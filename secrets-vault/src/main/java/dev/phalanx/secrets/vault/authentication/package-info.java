/**
 * How the client authenticates: one class per method (token, AppRole, Kubernetes), chosen from
 * store options by {@link
 * dev.phalanx.secrets.vault.authentication.ClientAuthentication#fromOptions}, and a {@link
 * dev.phalanx.secrets.vault.authentication.SessionManager} that logs in lazily and renews a
 * renewable token close to its expiry. Tokens, SecretIDs and JWTs are held as {@link
 * dev.phalanx.secrets.SecretValue} and never printed.
 */
@NullMarked
package dev.phalanx.secrets.vault.authentication;

import org.jspecify.annotations.NullMarked;
