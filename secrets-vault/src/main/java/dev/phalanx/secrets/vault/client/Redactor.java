package dev.phalanx.secrets.vault.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phalanx.secrets.SecretValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Removes what a request sent (token, string values of the body) from an error text, in case a
 * server or proxy echoes the request back. Values shorter than {@value #MIN_LENGTH} characters are
 * left alone: replacing them would garble every message while hiding next to nothing.
 */
final class Redactor {

  static final int MIN_LENGTH = 4;
  private static final String MASK = "[redacted]";

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  static Redactor of(@Nullable SecretValue token, @Nullable Object body) {
    List<String> out = new ArrayList<>();
    if (token != null) {
      out.add(token.reveal());
    }
    collect(body, out);
    out.removeIf(s -> s.length() < MIN_LENGTH);
    out.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(out);
  }

  private static void collect(@Nullable Object node, List<String> out) {
    if (node instanceof String s) {
      out.add(s);
    } else if (node instanceof SecretValue v) {
      out.add(v.reveal());
    } else if (node instanceof JsonNode json) {
      if (json.isTextual()) {
        out.add(json.textValue());
      } else {
        json.forEach(child -> collect(child, out));
      }
    } else if (node instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, out));
    } else if (node instanceof Iterable<?> list) {
      list.forEach(v -> collect(v, out));
    }
  }

  boolean applies(VaultException e) {
    String message = e.getMessage();
    for (String s : secrets) {
      if (message != null && message.contains(s)) {
        return true;
      }
      for (String error : e.errors()) {
        if (error.contains(s)) {
          return true;
        }
      }
    }
    return false;
  }

  String apply(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }
}
