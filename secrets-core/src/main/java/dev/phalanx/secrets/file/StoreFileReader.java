package dev.phalanx.secrets.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoredApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a file store strictly, with Jackson's streaming parser so every error has a line and a
 * column. The only accepted shape is the one {@link FileSecretStore} writes:
 *
 * <pre>
 * {"format": "phalanx-secrets-file-store/1",
 *  "applications": {"APP": {"version": N, "data": {"KEY": "VALUE", ...}}, ...}}
 * </pre>
 *
 * <p>Anything else (a missing or unknown field, a list where an object belongs, a value that is not
 * a string, a version that is not a positive integer, a duplicate key, trailing content) is a
 * {@link StoreException} naming the file, the JSON path (e.g. {@code
 * $.applications.argocd.data.admin.password}), the line and column, and what was expected and
 * found. Nothing is coerced, and no message ever quotes a value from the file.
 */
final class StoreFileReader {

  static final String FORMAT = "phalanx-secrets-file-store/1";
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Path file;
  private final JsonParser parser;

  private StoreFileReader(Path file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  /**
   * Parses a store file's bytes.
   *
   * @param file the file, for messages
   * @param bytes its content
   * @return application name to stored application
   * @throws StoreException for any content that is not a well-formed store
   */
  static Map<String, StoredApplication> read(Path file, byte[] bytes) {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      return new StoreFileReader(file, parser).root();
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote content; report the position only.
      throw new StoreException(
          "file store " + file + " is not valid JSON (" + where(e.getLocation()) + ")");
    } catch (IOException e) {
      throw new StoreException(
          "file store " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  private Map<String, StoredApplication> root() throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new StoreException(
          "file store " + file + " is empty (line 1); it is not a phalanx-secrets store");
    }
    expect(first, JsonToken.START_OBJECT, "$", "an object");
    boolean format = false;
    Map<String, StoredApplication> apps = null;
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String path = child("$", name);
      unique(seen, name, path);
      JsonToken value = parser.nextToken();
      switch (name) {
        case "format" -> {
          expect(value, JsonToken.VALUE_STRING, path, "a string");
          if (!FORMAT.equals(parser.getText())) {
            throw error(path, "is not a phalanx-secrets store (format " + FORMAT + " expected)");
          }
          format = true;
        }
        case "applications" -> apps = applications(value, path);
        default -> throw error(path, "unknown field (expected only format and applications)");
      }
    }
    if (!format) {
      throw error("$", "is not a phalanx-secrets store (no \"format\" field)");
    }
    if (apps == null) {
      throw error("$", "has no \"applications\" field");
    }
    if (parser.nextToken() != null) {
      throw error("$", "has content after the top-level object");
    }
    return apps;
  }

  private Map<String, StoredApplication> applications(JsonToken token, String path)
      throws IOException {
    expect(token, JsonToken.START_OBJECT, path, "an object of applications");
    Map<String, StoredApplication> apps = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String app = parser.currentName();
      String appPath = child(path, app);
      if (apps.containsKey(app)) {
        throw error(appPath, "duplicate key");
      }
      apps.put(app, application(app, parser.nextToken(), appPath));
    }
    return apps;
  }

  private StoredApplication application(String app, JsonToken token, String path)
      throws IOException {
    expect(token, JsonToken.START_OBJECT, path, "an object with version and data");
    JsonLocation start = parser.currentTokenLocation();
    Long version = null;
    Map<String, SecretValue> data = null;
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String fieldPath = child(path, name);
      unique(seen, name, fieldPath);
      JsonToken value = parser.nextToken();
      switch (name) {
        case "version" -> {
          expect(value, JsonToken.VALUE_NUMBER_INT, fieldPath, "a positive integer");
          if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              || parser.getLongValue() < 1) {
            throw error(fieldPath, "expected a positive integer");
          }
          version = parser.getLongValue();
        }
        case "data" -> data = data(value, fieldPath);
        default -> throw error(fieldPath, "unknown field (expected only version and data)");
      }
    }
    if (version == null) {
      throw error(path, start, "has no \"version\" field");
    }
    if (data == null) {
      throw error(path, start, "has no \"data\" field");
    }
    return StoredApplication.present(app, data, version);
  }

  private Map<String, SecretValue> data(JsonToken token, String path) throws IOException {
    expect(token, JsonToken.START_OBJECT, path, "an object of key to string");
    Map<String, SecretValue> data = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String keyPath = child(path, key);
      if (data.containsKey(key)) {
        throw error(keyPath, "duplicate key");
      }
      expect(parser.nextToken(), JsonToken.VALUE_STRING, keyPath, "a string");
      data.put(key, SecretValue.of(parser.getText()));
    }
    return data;
  }

  private void unique(Set<String> seen, String name, String path) {
    if (!seen.add(name)) {
      throw error(path, "duplicate key");
    }
  }

  private void expect(@Nullable JsonToken actual, JsonToken wanted, String path, String what) {
    if (actual != wanted) {
      throw error(path, "expected " + what + ", found " + describe(actual));
    }
  }

  private StoreException error(String path, String problem) {
    return error(path, parser.currentTokenLocation(), problem);
  }

  private StoreException error(String path, JsonLocation location, String problem) {
    return new StoreException(
        "file store " + file + ": " + path + ": " + problem + " (" + where(location) + ")");
  }

  private static String where(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "line ?";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The JSON path of a member: {@code parent.name}, or {@code parent['name']} when needed. */
  static String child(String parent, String name) {
    if (PLAIN.matcher(name).matches()) {
      return parent + "." + name;
    }
    StringBuilder quoted = new StringBuilder(parent).append("['");
    name.codePoints()
        .forEach(
            c -> {
              if (c == '\'' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
              } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", c));
              } else {
                quoted.appendCodePoint(c);
              }
            });
    return quoted.append("']").toString();
  }

  private static String describe(@Nullable JsonToken token) {
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
