package dev.phalanx.secrets.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition on Helm values: a dot-separated key path such as {@code config.oidcServer.enabled}.
 *
 * <p>It holds when every step of the path exists, each intermediate value is a mapping, and the
 * final value is truthy: {@code true}, a non-zero number, a non-empty string, list or mapping.
 * Missing keys, {@code null}, {@code false}, {@code 0}, {@code ""}, {@code []} and {@code {}} are
 * false (the rules of Python's {@code bool()}, which Phalanx uses).
 *
 * @param path the key path, never empty
 */
public record Condition(String path) {

  /** Checks the path. */
  public Condition {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("condition path must not be empty");
    }
  }

  /**
   * Evaluates the condition against merged Helm values.
   *
   * @param values the application's merged Helm values
   * @return whether the condition holds
   */
  public boolean test(Map<String, ?> values) {
    Object current = values;
    for (String step : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return false;
      }
      current = map.get(step);
      if (current == null) {
        return false;
      }
    }
    return isTruthy(current);
  }

  /**
   * Python truthiness of a YAML value.
   *
   * @param value a value produced by the YAML loader, may be null
   * @return whether it counts as true
   */
  public static boolean isTruthy(@Nullable Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0.0;
    }
    if (value instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length > 0;
    }
    return true;
  }

  /**
   * The path split into its steps.
   *
   * @return the steps
   */
  public List<String> steps() {
    return List.of(path.split("\\.", -1));
  }

  @Override
  public String toString() {
    return path;
  }
}
