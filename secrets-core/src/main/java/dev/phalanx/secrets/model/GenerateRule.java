package dev.phalanx.secrets.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code generate:} rule.
 *
 * @param type the generator type, e.g. {@code password}
 * @param source the key of the source secret in the same application, or null
 * @param options the generator's own options (every field of the rule other than {@code type},
 *     {@code source} and {@code if}); empty for most types
 * @param condition the rule's own {@code if}, or null when unconditional
 */
public record GenerateRule(
    String type, @Nullable String source, RuleOptions options, @Nullable Condition condition) {

  /** Checks the arguments. */
  public GenerateRule {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
  }

  /**
   * A rule with no source, options or condition.
   *
   * @param type the generator type
   * @return the rule
   */
  public static GenerateRule of(String type) {
    return new GenerateRule(type, null, RuleOptions.empty(), null);
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
