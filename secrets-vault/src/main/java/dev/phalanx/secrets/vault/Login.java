package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a login.
 *
 * @param token the client token (redacted when printed)
 * @param ttl its remaining lifetime, zero for a token that never expires, null when unknown
 * @param renewable whether it may be renewed
 */
record Login(SecretValue token, @Nullable Duration ttl, boolean renewable) {}
