/**
 * How the client authenticates: one class per method (token, AppRole, Kubernetes), chosen from
 * store options by {@link ClientAuthentication#fromOptions}, and a {@link SessionManager} that logs
 * in lazily and renews a renewable token close to its expiry. Tokens, SecretIDs and JWTs are held
 * as {@link SecretValue} and never printed.
 */
@NullMarked
package dev.phalanx.secrets.vault.authentication;

import dev.phalanx.secrets.SecretValue;
import org.jspecify.annotations.NullMarked;
