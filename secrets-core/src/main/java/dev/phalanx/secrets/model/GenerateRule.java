package dev.phalanx.secrets.model;

import dev.phalanx.secrets.spi.GeneratorOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
    String type, @Nullable String source, GeneratorOptions options, @Nullable Condition condition) {

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
    return new GenerateRule(type, null, GeneratorOptions.empty(), null);
  }

  /**
   * Whether the rule has no condition of its own.
   *
   * @return true when unconditional
   */
  public boolean isUnconditional() {
    return condition == null;
  }

  /**
   * The keys of same-application secrets this rule needs first: its {@code source} and every {@link
   * GeneratorOption.Type#SECRET_KEY} option, nested ones included.
   *
   * @param declared the generator's declared options
   * @return the keys, in declaration order
   */
  public Set<String> dependencyKeys(List<GeneratorOption> declared) {
    Set<String> keys = new LinkedHashSet<>();
    if (source != null) {
      keys.add(source);
    }
    collect(declared, options, keys);
    return keys;
  }

  private static void collect(
      List<GeneratorOption> declared, GeneratorOptions values, Set<String> keys) {
    for (GeneratorOption option : declared) {
      if (option.type() == GeneratorOption.Type.SECRET_KEY) {
        values.string(option.name()).ifPresent(keys::add);
      } else if (option.type() == GeneratorOption.Type.OBJECT) {
        collect(option.fields(), values.object(option.name()), keys);
      }
    }
  }
}
