package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import java.util.Objects;

/**
 * A secret with its value and where the value came from.
 *
 * @param ref application and key
 * @param value the value (prints redacted)
 * @param origin where the value came from
 * @param reason a short explanation fit for a report, e.g. "copy of mobu/app-alert-webhook" or
 *     "stale: hash does not match its source"; never a value
 */
public record ResolvedSecret(SecretRef ref, SecretValue value, Origin origin, String reason) {

  /** Checks the arguments. */
  public ResolvedSecret {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(reason, "reason");
  }
}
