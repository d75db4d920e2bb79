package dev.phalanx.secrets.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Deep merge of YAML mappings, as Helm (and Phalanx) merge values files. */
final class Maps {

  private Maps() {}

  /**
   * Merges {@code override} into {@code base}: mappings merge key by key, recursively; any other
   * value in the override replaces the base value. Neither argument is modified. Keys keep their
   * YAML type, as in Phalanx: an integer key {@code 80} and a string key {@code "80"} are different
   * keys, and only string keys match the steps of a condition path.
   */
  static Map<Object, Object> deepMerge(Map<?, ?> base, Map<?, ?> override) {
    Map<Object, Object> out = new LinkedHashMap<>(base);
    override.forEach(
        (key, value) -> {
          Object existing = out.get(key);
          if (existing instanceof Map<?, ?> baseMap && value instanceof Map<?, ?> overMap) {
            out.put(key, deepMerge(baseMap, overMap));
          } else {
            out.put(key, value);
          }
        });
    return out;
  }

  /** Views a YAML mapping with keys turned into strings (YAML allows other key types). */
  static Map<String, Object> asStringMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
