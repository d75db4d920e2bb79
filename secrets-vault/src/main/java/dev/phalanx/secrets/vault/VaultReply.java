package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of a Vault reply, read by path: {@code text("data", "role_id")} is the member
 * {@code role_id} of the member {@code data} of the body. A missing member reads as empty ({@code
 * ""}, {@code 0}, {@code false}, an empty list), as Vault omits empty members. What {@link
 * VaultConnection#read}, {@link VaultConnection#write} and {@link VaultConnection#put} return; the
 * parsed JSON itself stays inside this package.
 *
 * <p>Immutable. The body may hold secrets (a token, a SecretID), so {@link #toString()} prints none
 * of it.
 */
public final class VaultReply {

  private final JsonNode body;

  VaultReply(JsonNode body) {
    this.body = body;
  }

  private JsonNode at(String... path) {
    JsonNode node = body;
    for (String name : path) {
      node = node.path(name);
    }
    return node;
  }

  /**
   * Whether the member exists (a JSON {@code null} exists).
   *
   * @param path member names from the body
   * @return true when present
   */
  public boolean has(String... path) {
    return !at(path).isMissingNode();
  }

  /**
   * Whether the member is a JSON object.
   *
   * @param path member names from the body
   * @return true for an object
   */
  public boolean isObject(String... path) {
    return at(path).isObject();
  }

  /**
   * Whether the member is a JSON string.
   *
   * @param path member names from the body
   * @return true for a string
   */
  public boolean isText(String... path) {
    return at(path).isTextual();
  }

  /**
   * A scalar member as text (a number or boolean in its JSON form).
   *
   * @param path member names from the body
   * @return the text, {@code ""} when missing, null or not a scalar
   */
  public String text(String... path) {
    return at(path).asText("");
  }

  /**
   * A member as a number.
   *
   * @param path member names from the body
   * @return the number, 0 when missing or not a number
   */
  public long number(String... path) {
    return at(path).asLong(0);
  }

  /**
   * A member that is an integral JSON number.
   *
   * @param path member names from the body
   * @return the number, empty when missing or of another type
   */
  public Optional<Long> integer(String... path) {
    JsonNode node = at(path);
    return node.isIntegralNumber() ? Optional.of(node.asLong()) : Optional.empty();
  }

  /**
   * A member as a boolean.
   *
   * @param path member names from the body
   * @return the value, false when missing or not a boolean
   */
  public boolean flag(String... path) {
    return at(path).asBoolean(false);
  }

  /**
   * An array member as texts.
   *
   * @param path member names from the body
   * @return each element as text, empty when missing or not an array
   */
  public List<String> strings(String... path) {
    List<String> out = new ArrayList<>();
    at(path).forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * An object member as text per member name: a string as itself, anything else as its JSON text.
   *
   * @param path member names from the body
   * @return the members in body order, empty when missing or not an object
   */
  public Map<String, String> texts(String... path) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode node = at(path);
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  out.put(
                      e.getKey(),
                      e.getValue().isTextual()
                          ? e.getValue().textValue()
                          : e.getValue().toString()));
    }
    return out;
  }

  /** Never the body, which may hold secrets. */
  @Override
  public String toString() {
    return "VaultReply[...]";
  }
}
