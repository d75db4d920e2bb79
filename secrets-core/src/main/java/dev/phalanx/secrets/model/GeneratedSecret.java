package dev.phalanx.secrets.model;

import java.util.Objects;

/**
 * A secret made by a generator.
 *
 * @param spec the spec entry
 * @param rule the generate rule in force
 */
public record GeneratedSecret(SecretSpec spec, GenerateRule rule) implements Secret {

  /** Checks the arguments. */
  public GeneratedSecret {
    Objects.requireNonNull(rule, "rule");
  }

  /**
   * The generator type.
   *
   * @return the type name
   */
  public String type() {
    return rule.type();
  }

  @Override
  public String kind() {
    return "generate";
  }
}
