package dev.phalanx.secrets.model;

import java.util.Objects;

/**
 * A secret with a literal value written in the spec ({@code value:}).
 *
 * @param spec the spec entry
 */
public record ValueSecret(SecretSpec spec) implements Secret {

  /** Checks that the spec has a value. */
  public ValueSecret {
    Objects.requireNonNull(spec.value(), "spec has no value");
  }

  /**
   * The literal value.
   *
   * @return the value
   */
  public String value() {
    return Objects.requireNonNull(spec.value());
  }

  @Override
  public String kind() {
    return "value";
  }
}
