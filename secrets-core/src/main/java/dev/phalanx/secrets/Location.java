package dev.phalanx.secrets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a configuration file, for error messages.
 *
 * @param file the file, as given to the loader (usually relative to the configuration root)
 * @param line the 1-based line, or 0 when unknown
 */
public record Location(Path file, int line) {

  /** Checks the arguments. */
  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative");
    }
  }

  /**
   * A location naming only a file.
   *
   * @param file the file
   * @return the location
   */
  public static Location of(Path file) {
    return new Location(file, 0);
  }

  /** {@code file:line}, or just the file when the line is unknown. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file.toString();
  }
}
