package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.engine.VerificationMemo;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CLI's verification memo: {@code $XDG_CACHE_HOME/phalanx-secrets/} (default {@code
 * ~/.cache/phalanx-secrets/}), an owner-only directory holding a random key and the keyed MACs of
 * the (source, bcrypt hash) pairs already verified. Deleting the directory only makes the next run
 * verify again. The system property {@code phalanx.secrets.cache-dir} names another directory
 * (tests, embedding programs).
 */
final class VerificationMemos {

  private VerificationMemos() {}

  static VerificationMemo cacheDirectory() {
    return directory().map(VerificationMemo::file).orElseGet(VerificationMemo::inMemory);
  }

  static Optional<Path> directory() {
    String property = System.getProperty("phalanx.secrets.cache-dir");
    if (property != null && !property.isEmpty()) {
      return Optional.of(Path.of(property));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Optional.of(Path.of(xdg, "phalanx-secrets"));
    }
    String home = System.getProperty("user.home");
    if (home == null || home.isEmpty() || home.equals("?")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(home, ".cache", "phalanx-secrets"));
  }
}
