package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import java.util.Objects;

/**
 * A secret with its value and where the value came from.
 *
 * @param ref application and key
 * @param value the value (prints redacted)
 * @param provenance where the value came from
 */
public record ResolvedSecret(SecretRef ref, SecretValue value, Provenance provenance) {

  /** Checks the arguments. */
  public ResolvedSecret {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * Where the value came from.
   *
   * @return the origin of {@link #provenance()}
   */
  public Origin origin() {
    return provenance.origin();
  }

  /**
   * A short explanation fit for a report, e.g. "copy of mobu/app-alert-webhook" or "stale: hash
   * does not match its source"; never a value. Rendered from {@link #provenance()}.
   *
   * @return the text
   */
  public String reason() {
    return Reasons.resolved(this);
  }
}
