package dev.phalanx.secrets.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for application names and secret keys, which become paths in stores. */
final class Names {

  private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The name under which stores keep the environment's pull secret. */
  static final String PULL_SECRET = "pull-secret";

  private Names() {}

  /**
   * Checks an application name.
   *
   * @return why it is invalid, or empty when valid
   */
  static Optional<String> checkApplication(String name) {
    Optional<String> common = checkCommon(name);
    if (common.isPresent()) {
      return common;
    }
    if (name.equals(PULL_SECRET)) {
      return Optional.of(
          "application name 'pull-secret' is reserved: the environment's pull secret is stored"
              + " under it");
    }
    if (!APPLICATION.matcher(name).matches()) {
      return Optional.of(
          "application name "
              + quote(name)
              + " must start with a letter or digit and contain only letters, digits, '.', '_'"
              + " and '-'");
    }
    return Optional.empty();
  }

  /**
   * Checks a secret key.
   *
   * @return why it is invalid, or empty when valid
   */
  static Optional<String> checkKey(String key) {
    return checkCommon(key);
  }

  private static Optional<String> checkCommon(String name) {
    if (name.isEmpty()) {
      return Optional.of("name must not be empty");
    }
    if (name.contains("/") || name.contains("\\")) {
      return Optional.of("name " + quote(name) + " must not contain '/' or '\\'");
    }
    if (name.contains("..")) {
      return Optional.of("name " + quote(name) + " must not contain '..'");
    }
    if (name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x7f)) {
      return Optional.of("name " + quote(name) + " must not contain control characters");
    }
    if (!name.strip().equals(name)) {
      return Optional.of("name " + quote(name) + " must not start or end with white space");
    }
    return Optional.empty();
  }

  /** Quotes a name for a message, escaping control characters so messages stay on one line. */
  static String quote(String name) {
    StringBuilder sb = new StringBuilder("'");
    name.codePoints()
        .limit(100)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.append(name.codePointCount(0, name.length()) > 100 ? "...'" : "'").toString();
  }
}
