package dev.phalanx.secrets.config;

import dev.phalanx.secrets.PhalanxSecretsException;
import org.yaml.snakeyaml.Yaml;

/**
 * Which SnakeYAML the library works with: any 2.x (the class path of an embedding program may
 * manage an older 2.x than the one it is built with). An older one fails fast with a message naming
 * the minimum instead of a {@link NoSuchMethodError} deep in parsing.
 */
final class SnakeYamlVersion {

  /** The oldest SnakeYAML release the library is tested with. */
  static final String MINIMUM = "2.0";

  private SnakeYamlVersion() {}

  /**
   * The SnakeYAML version on the class path, as its jar's manifest says.
   *
   * @return the version, or "unknown"
   */
  static String version() {
    Package p = Yaml.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  static PhalanxSecretsException tooOld(LinkageError cause) {
    return new PhalanxSecretsException(
        "the SnakeYAML on the class path (version "
            + version()
            + ") lacks "
            + cause.getMessage()
            + "; phalanx-secrets needs SnakeYAML "
            + MINIMUM
            + " or later",
        cause);
  }
}
