package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretRef;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code copy:} rule: the secret takes the resolved value of another secret.
 *
 * @param from the secret to copy
 * @param condition the rule's own {@code if}, or null when unconditional
 */
public record CopyRule(SecretRef from, @Nullable Condition condition) {

  /** Checks the arguments. */
  public CopyRule {
    Objects.requireNonNull(from, "from");
  }

  /**
   * Whether the rule has no condition of its own.
   *
   * @return true when unconditional
   */
  public boolean isUnconditional() {
    return condition == null;
  }
}
