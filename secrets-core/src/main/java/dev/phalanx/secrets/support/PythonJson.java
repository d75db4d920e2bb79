package dev.phalanx.secrets.support;

import dev.phalanx.secrets.SecretValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text byte-identical to Python's {@code json.dumps(value)} with its default arguments, for
 * stored values that must match what Phalanx writes ({@code oidc-clients}, {@code
 * .dockerconfigjson}).
 *
 * <p>That means: separators {@code ", "} and {@code ": "}, no indentation, mapping keys in the
 * map's iteration order, every character outside printable ASCII ({@code ' '..'~'}) escaped as
 * {@code \\uxxxx} with lowercase hex (characters outside the Basic Multilingual Plane as a
 * surrogate pair), the short escapes {@code \" \\ \b \f \n \r \t}, and {@code /} not escaped.
 *
 * <p>Supported values: {@code null}, {@link Boolean}, integral numbers ({@link Integer}, {@link
 * Long}, {@link Short}, {@link Byte}, {@link BigInteger}), {@link CharSequence}, {@link
 * SecretValue} (written as its revealed text), {@link Map} with string keys and {@link List},
 * nested freely. Floating-point numbers are refused, because Python's {@code repr} of floats is not
 * reproduced here.
 *
 * <p>The result may contain secrets when the input does: treat it accordingly.
 */
public final class PythonJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  /**
   * Encodes a value like Python's {@code json.dumps(value)}.
   *
   * @param value the value to encode, may be null (gives {@code null})
   * @return the JSON text
   * @throws IllegalArgumentException for an unsupported type or a non-string map key; the message
   *     names the Java type, never a value
   */
  public static String dumps(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, -1, 0);
    return out.toString();
  }

  /**
   * Encodes a value like Python's {@code json.dump(value, fh, indent=indent)}: each element of a
   * non-empty object or array on its own line, indented by {@code indent} spaces per level, items
   * separated by {@code ","} (no trailing space), keys by {@code ": "}; empty containers as {@code
   * {}} and {@code []}; no final newline. Escaping and key order as in {@link #dumps}.
   *
   * @param value the value to encode, may be null
   * @param indent spaces per level, at least 0
   * @return the JSON text
   * @throws IllegalArgumentException as {@link #dumps}, or for a negative indent
   */
  public static String dumps(@Nullable Object value, int indent) {
    if (indent < 0) {
      throw new IllegalArgumentException("indent must be at least 0, got " + indent);
    }
    StringBuilder out = new StringBuilder();
    write(out, value, indent, 0);
    return out.toString();
  }

  private static void newline(StringBuilder out, int indent, int level) {
    out.append('\n');
    out.append(" ".repeat(indent * level));
  }

  private static void write(StringBuilder out, @Nullable Object value, int indent, int level) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof CharSequence s) {
      writeString(out, s);
    } else if (value instanceof SecretValue s) {
      writeString(out, s.reveal());
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map, indent, level);
    } else if (value instanceof List<?> list) {
      writeArray(out, list, indent, level);
    } else {
      throw new IllegalArgumentException(
          "PythonJson cannot encode a value of type " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, int indent, int level) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(
            "PythonJson needs string keys, got "
                + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
      }
      separate(out, first, indent, level + 1);
      first = false;
      writeString(out, key);
      out.append(": ");
      write(out, entry.getValue(), indent, level + 1);
    }
    if (indent >= 0 && !first) {
      newline(out, indent, level);
    }
    out.append('}');
  }

  private static void writeArray(StringBuilder out, List<?> list, int indent, int level) {
    out.append('[');
    boolean first = true;
    for (Object element : list) {
      separate(out, first, indent, level + 1);
      first = false;
      write(out, element, indent, level + 1);
    }
    if (indent >= 0 && !first) {
      newline(out, indent, level);
    }
    out.append(']');
  }

  /** Before an element: {@code ", "} compact; {@code ","} and a new line when indenting. */
  private static void separate(StringBuilder out, boolean first, int indent, int level) {
    if (indent < 0) {
      if (!first) {
        out.append(", ");
      }
      return;
    }
    if (!first) {
      out.append(',');
    }
    newline(out, indent, level);
  }

  /** Python's {@code py_encode_basestring_ascii}, applied per UTF-16 code unit. */
  private static void writeString(StringBuilder out, CharSequence s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          }
        }
      }
    }
    out.append('"');
  }
}
