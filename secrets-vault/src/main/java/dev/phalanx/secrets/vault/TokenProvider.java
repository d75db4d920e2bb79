package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import org.jspecify.annotations.Nullable;

/** Supplies the token sent with each request. Implementations are thread-safe. */
@FunctionalInterface
interface TokenProvider {

  /** Sends no token (for login requests and health checks). */
  TokenProvider NONE = () -> null;

  /**
   * The token for the next request; may log in or renew first.
   *
   * @return the token, or null to send none
   * @throws StoreException when logging in fails
   */
  @Nullable SecretValue token();
}
