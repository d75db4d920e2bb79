package dev.phalanx.secrets.support;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one export format, shared by {@code export} and {@code vault export-secrets}: one file {@code
 * <application>.json} per application, with the bytes Phalanx's {@code vault export-secrets}
 * writes.
 *
 * <p>That is Python's {@code json.dump(secrets, fh, indent=2)}: keys in code-point order (the order
 * Vault returns them in), every character outside printable ASCII escaped, no final newline, and an
 * empty value written as {@code null} (Phalanx writes {@code null} for every value that is false in
 * Python, which the empty string is). Files are written by {@link OwnerOnlyFiles} ({@code 0600},
 * atomic) into a directory created {@code 0700}.
 */
public final class ExportFiles {

  /** Orders strings by Unicode code point, as Go's (and so Vault's) JSON encoder sorts keys. */
  public static final Comparator<String> CODE_POINT_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private ExportFiles() {}

  /**
   * The exported bytes of one application.
   *
   * @param data the application's secrets
   * @return the file's content (holds the values: handle it accordingly)
   */
  public static byte[] render(Map<String, SecretValue> data) {
    Map<String, SecretValue> sorted = new TreeMap<>(CODE_POINT_ORDER);
    sorted.putAll(data);
    Map<String, Object> values = new LinkedHashMap<>();
    sorted.forEach((k, v) -> values.put(k, v.isEmpty() ? null : v));
    return PythonJson.dumps(values, 2).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Checks that an application name can be a file name of the export directory: not empty, not
   * {@code .} or {@code ..}, no path separator, no NUL.
   *
   * @param application the name
   * @return whether it is safe
   */
  public static boolean safeName(String application) {
    return !application.isEmpty()
        && !application.equals(".")
        && !application.equals("..")
        && application.indexOf('/') < 0
        && application.indexOf('\\') < 0
        && application.indexOf('\0') < 0;
  }

  /**
   * Writes every application to {@code <dir>/<application>.json}. All names are checked before
   * anything is written: one unsafe name refuses the whole export.
   *
   * @param dir the directory (normalised; created {@code 0700} when missing)
   * @param applications application name to its secrets
   * @return the files written, in the map's order
   * @throws IOException when a file cannot be written (the files before it are written)
   * @throws IllegalArgumentException for an unsafe application name (nothing is written); the
   *     message names the application
   */
  public static List<Path> writeAll(Path dir, Map<String, Map<String, SecretValue>> applications)
      throws IOException {
    Path directory = dir.toAbsolutePath().normalize();
    for (String app : applications.keySet()) {
      if (!safeName(app)) {
        throw new IllegalArgumentException(
            "cannot export application '"
                + app
                + "': its name is not a plain file name; nothing was exported");
      }
    }
    OwnerOnlyFiles.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Map<String, SecretValue>> e : applications.entrySet()) {
      Path file = directory.resolve(e.getKey() + ".json");
      OwnerOnlyFiles.write(file, render(e.getValue()));
      written.add(file);
    }
    return written;
  }
}
