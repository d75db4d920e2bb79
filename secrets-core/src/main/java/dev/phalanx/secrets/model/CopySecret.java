package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretRef;
import java.util.Objects;

/**
 * A secret whose value is the resolved value of another secret.
 *
 * @param spec the spec entry
 * @param rule the copy rule in force
 */
public record CopySecret(SecretSpec spec, CopyRule rule) implements Secret {

  /** Checks the arguments. */
  public CopySecret {
    Objects.requireNonNull(rule, "rule");
  }

  /**
   * The secret copied.
   *
   * @return the source reference
   */
  public SecretRef from() {
    return rule.from();
  }

  @Override
  public String kind() {
    return "copy";
  }
}
