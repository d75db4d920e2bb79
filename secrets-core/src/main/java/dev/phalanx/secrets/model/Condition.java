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
 * <p>Steps match string keys only: a mapping key keeps its YAML type, so the step {@code 80} does
 * not find the integer key {@code 80}, nor {@code on} the boolean key {@code on} (as in Phalanx).
 * An empty step ({@code a..b}, {@code a.}) looks for the empty key, so it is normally simply false.
 * A path that walks through a number, string, list or null is false (Phalanx crashes there).
 *
 * @param path the key path, never empty (an empty {@code if} means no condition)
 */
public record Condition(String path) {

  /** Checks the path. */
  public Condition {
    Objects.requireNonNull(path, "path");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("condition path must not be empty");
    }
  }

  /**
   * Evaluates the condition against merged Helm values.
   *
   * @param values the application's merged Helm values
   * @return whether the condition holds
   */
  public boolean test(Map<?, ?> values) {
    Object current = values;
    for (String step : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return false;
      }
      if (!map.containsKey(step)) {
        return false;
      }
      current = map.get(step);
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
