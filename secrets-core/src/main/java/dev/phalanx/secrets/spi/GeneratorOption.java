package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.GeneratorOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 * @param defaultValue what the generator uses when an optional option is absent ({@link String},
 *     {@link Long}, {@link Boolean} or a list of strings, by {@link #type()}), shown in the JSON
 *     Schema; null when there is none (a required option, or no single value)
 */
public record GeneratorOption(
    String name,
    Type type,
    boolean required,
    String description,
    List<GeneratorOption> fields,
    @Nullable Object defaultValue) {

  /** Checks and copies the arguments. */
  public GeneratorOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    fields = List.copyOf(fields);
    if (type != Type.OBJECT && !fields.isEmpty()) {
      throw new IllegalArgumentException("only OBJECT options have fields");
    }
    if (defaultValue != null) {
      if (required) {
        throw new IllegalArgumentException("required option " + name + " cannot have a default");
      }
      defaultValue = checkedDefault(name, type, defaultValue);
    }
  }

  /**
   * An option without a default.
   *
   * @param name the option name
   * @param type the expected type
   * @param required whether the option must be present
   * @param description the one-line description
   * @param fields for {@link Type#OBJECT}, the nested options
   */
  public GeneratorOption(
      String name, Type type, boolean required, String description, List<GeneratorOption> fields) {
    this(name, type, required, description, fields, null);
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
   * An optional option with the value the generator uses when it is absent.
   *
   * @param name the name
   * @param type the type ({@link Type#STRING}, {@link Type#INTEGER}, {@link Type#BOOLEAN} or {@link
   *     Type#STRING_LIST})
   * @param description the description (the default is shown apart from it)
   * @param defaultValue the default, of the Java type matching {@code type}
   * @return the option
   */
  public static GeneratorOption optional(
      String name, Type type, String description, Object defaultValue) {
    return new GeneratorOption(
        name, type, false, description, List.of(), Objects.requireNonNull(defaultValue));
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
      List<GeneratorOption> declared, GeneratorOptions values, Set<String> keys) {
    for (GeneratorOption option : declared) {
      if (option.type() == Type.SECRET_KEY) {
        values.string(option.name()).ifPresent(keys::add);
      } else if (option.type() == Type.OBJECT) {
        collect(option.fields(), values.object(option.name()), keys);
      }
    }
  }

  private static Object checkedDefault(String name, Type type, Object value) {
    Object checked =
        switch (type) {
          case STRING -> value instanceof String ? value : null;
          case INTEGER ->
              value instanceof Long || value instanceof Integer
                  ? Long.valueOf(((Number) value).longValue())
                  : null;
          case BOOLEAN -> value instanceof Boolean ? value : null;
          case STRING_LIST ->
              value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)
                  ? List.copyOf(list)
                  : null;
          case SECRET_KEY, OBJECT -> null;
        };
    if (checked == null) {
      throw new IllegalArgumentException(
          "the default of option " + name + " is not a " + type + " value");
    }
    return checked;
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
