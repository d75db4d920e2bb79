package dev.phalanx.secrets.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretValue;

/** Equality of stored JSON values: equal JSON counts as equal, whatever its spacing. */
final class JsonValues {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /**
   * Whether two values are equal, or both JSON documents that are equal as JSON.
   *
   * @return true when equivalent
   */
  static boolean equivalent(SecretValue a, SecretValue b) {
    if (a.equals(b)) {
      return true;
    }
    JsonNode left = parse(a);
    JsonNode right = parse(b);
    return left != null && left.equals(right);
  }

  private static JsonNode parse(SecretValue value) {
    String text = value.reveal().strip();
    if (!(text.startsWith("{") || text.startsWith("["))) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
