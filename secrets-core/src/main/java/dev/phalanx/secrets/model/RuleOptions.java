package dev.phalanx.secrets.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a {@code generate:} rule, as read from YAML: strings, integers, booleans, lists
 * and nested mappings. Options are validated against the generator's declared {@code
 * GeneratorOption}s when the spec is loaded, so the typed accessors here only see well-typed values
 * for declared options.
 */
public final class RuleOptions {

  private static final RuleOptions EMPTY = new RuleOptions(Map.of());

  private final Map<String, Object> values;

  private RuleOptions(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * No options.
   *
   * @return the empty options
   */
  public static RuleOptions empty() {
    return EMPTY;
  }

  /**
   * Options from a YAML mapping; the map is deep-copied into unmodifiable collections.
   *
   * @param values option name to YAML value
   * @return the options
   */
  public static RuleOptions of(Map<String, ?> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(values);
    return new RuleOptions(copy);
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : deepCopy(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(v == null ? null : deepCopy(v)));
      return Collections.unmodifiableList(out);
    }
    return value;
  }

  /**
   * The option names present.
   *
   * @return names in file order
   */
  public Set<String> names() {
    return values.keySet();
  }

  /**
   * Whether there are no options.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * The raw value of an option.
   *
   * @param name the option name
   * @return the value, empty when absent or null
   */
  public Optional<Object> raw(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * A string option.
   *
   * @param name the option name
   * @return the value, empty when absent
   */
  public Optional<String> string(String name) {
    return raw(name).map(String::valueOf);
  }

  /**
   * An integer option.
   *
   * @param name the option name
   * @return the value, empty when absent
   */
  public Optional<Long> integer(String name) {
    return raw(name).map(v -> ((Number) v).longValue());
  }

  /**
   * A boolean option.
   *
   * @param name the option name
   * @return the value, empty when absent
   */
  public Optional<Boolean> bool(String name) {
    return raw(name).map(v -> (Boolean) v);
  }

  /**
   * A list-of-strings option.
   *
   * @param name the option name
   * @return the values, empty when absent
   */
  public List<String> strings(String name) {
    return raw(name)
        .map(v -> ((List<?>) v).stream().map(String::valueOf).toList())
        .orElse(List.of());
  }

  /**
   * A nested mapping option.
   *
   * @param name the option name
   * @return the nested options, empty when absent
   */
  public RuleOptions object(String name) {
    return raw(name)
        .map(
            v -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> m = (Map<String, Object>) v;
              return new RuleOptions(m);
            })
        .orElse(EMPTY);
  }

  /**
   * The options as an unmodifiable map.
   *
   * @return option name to value
   */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleOptions other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
