package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.PhalanxSecretsException;
import java.util.regex.Pattern;

/**
 * The one place that builds KV v2 API paths from a {@code vaultPathPrefix} ({@code <mount>/<path>})
 * and an application name.
 */
final class Kv2Paths {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._@+-]+");

  private final String mount;
  private final String path;

  private Kv2Paths(String mount, String path) {
    this.mount = mount;
    this.path = path;
  }

  /**
   * Parses {@code mount/path...}.
   *
   * @throws PhalanxSecretsException when there is no path after the mount or a segment is odd
   */
  static Kv2Paths parse(String prefix) {
    String trimmed = prefix.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int slash = trimmed.indexOf('/');
    if (slash <= 0 || slash == trimmed.length() - 1) {
      throw new PhalanxSecretsException(
          "Vault path prefix '" + prefix + "' must be <mount>/<path>, e.g. secret/phalanx/dev");
    }
    for (String segment : trimmed.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw new PhalanxSecretsException(
            "Vault path prefix '" + prefix + "' has an invalid segment '" + segment + "'");
      }
    }
    return new Kv2Paths(trimmed.substring(0, slash), trimmed.substring(slash + 1));
  }

  /** Checks an application name: one path segment, no {@code /}, not {@code .} or {@code ..}. */
  static String application(String application) {
    if (!isApplication(application)) {
      throw new IllegalArgumentException(
          "invalid application name '"
              + application.replaceAll("[^\\x20-\\x7e]", "?")
              + "': use letters, digits, '.', '_', '-' (no '/', not '.' or '..')");
    }
    return application;
  }

  static boolean isApplication(String name) {
    return SEGMENT.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  String mount() {
    return mount;
  }

  /** The path below the mount, e.g. {@code phalanx/dev}. */
  String path() {
    return path;
  }

  /** {@code mount/path}. */
  String prefix() {
    return mount + "/" + path;
  }

  String data(String application) {
    return mount + "/data/" + path + "/" + application(application);
  }

  String metadata(String application) {
    return mount + "/metadata/" + path + "/" + application(application);
  }

  String metadataFolder() {
    return mount + "/metadata/" + path;
  }

  @Override
  public String toString() {
    return prefix();
  }
}
