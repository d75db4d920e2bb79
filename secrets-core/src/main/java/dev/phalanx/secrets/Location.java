package dev.phalanx.secrets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a configuration file, for error messages.
 *
 * @param file the file, as given to the loader (usually relative to the configuration root)
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown (only YAML syntax errors know it)
 */
public record Location(Path file, int line, int column) {

  /** Checks the arguments. */
  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative");
    }
    if (column < 0) {
      throw new IllegalArgumentException("column must not be negative");
    }
  }

  /**
   * A location naming a file and a line.
   *
   * @param file the file
   * @param line the 1-based line, or 0 when unknown
   */
  public Location(Path file, int line) {
    this(file, line, 0);
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

  /** {@code file:line:column}, {@code file:line}, or just the file, as far as each is known. */
  @Override
  public String toString() {
    if (line <= 0) {
      return file.toString();
    }
    return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
  }
}
