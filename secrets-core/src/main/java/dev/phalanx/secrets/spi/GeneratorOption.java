package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.RuleOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An option a generator accepts in its {@code generate:} rule, besides {@code type}, {@code source}
 * and {@code if}. The core validates every rule against the declared options when specs are loaded
 * (unknown names, wrong types, missing required options), naming file, line and key, so every
 * generator, including third-party ones, gets the same validation for free.
 *
 * @param name the option name as written in YAML
 * @param type the expected type
 * @param required whether the option must be present
 * @param description a one-line description, used in the JSON Schema
 * @param fields for {@link Type#OBJECT}, the nested options; empty otherwise
 */
public record GeneratorOption(
    String name, Type type, boolean required, String description, List<GeneratorOption> fields) {

  /** Checks and copies the arguments. */
  public GeneratorOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    fields = List.copyOf(fields);
    if (type != Type.OBJECT && !fields.isEmpty()) {
      throw new IllegalArgumentException("only OBJECT options have fields");
    }
  }

  /**
   * An optional option.
   *
   * @param name the name
   * @param type the type (not {@link Type#OBJECT})
   * @param description the description
   * @return the option
   */
  public static GeneratorOption optional(String name, Type type, String description) {
    return new GeneratorOption(name, type, false, description, List.of());
  }

  /**
   * A required option.
   *
   * @param name the name
   * @param type the type (not {@link Type#OBJECT})
   * @param description the description
   * @return the option
   */
  public static GeneratorOption required(String name, Type type, String description) {
    return new GeneratorOption(name, type, true, description, List.of());
  }

  /**
   * A nested mapping option.
   *
   * @param name the name
   * @param required whether it must be present
   * @param description the description
   * @param fields the nested options
   * @return the option
   */
  public static GeneratorOption object(
      String name, boolean required, String description, List<GeneratorOption> fields) {
    return new GeneratorOption(name, Type.OBJECT, required, description, fields);
  }

  /**
   * The keys of same-application secrets a rule needs first: its {@code source} and every {@link
   * Type#SECRET_KEY} option, nested ones included. (Here rather than on {@link GenerateRule}, so
   * that the model does not depend on the SPI: see docs/ARCHITECTURE.md, "Package dependencies".)
   *
   * @param rule the rule
   * @param declared the generator's declared options
   * @return the keys, in declaration order
   */
  public static Set<String> dependencyKeys(GenerateRule rule, List<GeneratorOption> declared) {
    Set<String> keys = new LinkedHashSet<>();
    if (rule.source() != null) {
      keys.add(rule.source());
    }
    collect(declared, rule.options(), keys);
    return keys;
  }

  private static void collect(
      List<GeneratorOption> declared, RuleOptions values, Set<String> keys) {
    for (GeneratorOption option : declared) {
      if (option.type() == Type.SECRET_KEY) {
        values.string(option.name()).ifPresent(keys::add);
      } else if (option.type() == Type.OBJECT) {
        collect(option.fields(), values.object(option.name()), keys);
      }
    }
  }

  /** Option value types. */
  public enum Type {
    /** A string. */
    STRING,
    /** A list of strings. */
    STRING_LIST,
    /** An integer. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /**
     * The key of another secret of the same application; the generator depends on it, so it is
     * resolved first and must be required in the environment.
     */
    SECRET_KEY,
    /** A nested mapping with its own declared fields. */
    OBJECT
  }
}
