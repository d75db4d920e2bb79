package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bulk operations over whole prefixes: copy between prefixes and export to files. */
final class Kv2Transfers {

  private static final Logger LOG = LoggerFactory.getLogger(Kv2Transfers.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Kv2Transfers() {}

  /**
   * Copies every live application from one prefix to another (sub-folders are skipped, other target
   * applications are left alone). Refuses, before writing anything, to copy a prefix onto itself,
   * and to replace a live application at the target whose data differs unless {@code overwrite} is
   * set: an overwritten version stays in the target's KV history. An application whose target
   * already holds the same data is not written again.
   *
   * @return what was copied and overwritten
   * @throws PhalanxSecretsException when the prefixes are the same, or live target applications
   *     would be overwritten without {@code overwrite}
   * @throws StoreException when a read or write fails; applications copied before stay copied
   */
  static CopyResult copy(Kv2Accessor from, Kv2Accessor to, boolean overwrite) {
    String fromPrefix = from.paths().prefix();
    String toPrefix = to.paths().prefix();
    if (fromPrefix.equals(toPrefix)) {
      throw new PhalanxSecretsException(
          "cannot copy the Vault secrets of " + fromPrefix + " onto themselves: same path");
    }
    List<String> folders = new ArrayList<>();
    List<String> names = from.listNames(folders);
    Map<String, StoredApplication> source = from.readAll(names);
    SortedSet<String> apps = new TreeSet<>();
    source.forEach(
        (name, app) -> {
          if (app.isPresent()) {
            apps.add(name);
          }
        });
    Map<String, StoredApplication> target = to.readAll(apps);
    SortedMap<String, Long> replaced = new TreeMap<>();
    for (String app : apps) {
      StoredApplication current = target.get(app);
      if (current != null
          && current.isPresent()
          && !current.data().equals(source.get(app).data())) {
        replaced.put(app, current.version());
      }
    }
    if (!replaced.isEmpty() && !overwrite) {
      throw new PhalanxSecretsException(
          "refusing to overwrite "
              + replaced.size()
              + " application(s) that exist at "
              + toPrefix
              + " with other data: "
              + String.join(", ", replaced.keySet())
              + "; nothing was copied. Pass --overwrite to replace them (the versions replaced"
              + " stay in the KV history)");
    }
    List<String> copied = new ArrayList<>();
    for (String app : apps) {
      StoredApplication a = source.get(app);
      StoredApplication current = target.get(app);
      if (current != null && current.isPresent() && current.data().equals(a.data())) {
        copied.add(app); // already there
        continue;
      }
      to.write(app, a.data(), WriteCondition.replacing(current));
      copied.add(app);
    }
    LOG.info(
        "copied {} application(s) from {} to {}, {} overwritten",
        copied.size(),
        fromPrefix,
        toPrefix,
        replaced.size());
    return new CopyResult(fromPrefix, toPrefix, copied, replaced, folders);
  }

  /**
   * Writes every live application of the environment to {@code <dir>/<app>.json}, a JSON object of
   * key to value with sorted keys. Each file is created with permissions {@code 0600} (on POSIX
   * file systems) and written atomically (temporary file, then rename); the directory is created
   * ({@code 0700}) when missing.
   *
   * @param dir the output directory
   * @return the files written, in application order
   * @throws StoreException when Vault or the file system fails
   */
  static List<Path> export(Kv2Accessor kv, Path dir) {
    SortedSet<String> apps = kv.listLive();
    Map<String, StoredApplication> all = kv.readAll(apps);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      List<Path> written = new ArrayList<>();
      for (String app : apps) {
        StoredApplication a = all.get(app);
        if (a == null || !a.isPresent()) {
          continue;
        }
        Map<String, String> values = new TreeMap<>();
        a.data().forEach((k, v) -> values.put(k, v.reveal()));
        written.add(writeAtomically(dir, app + ".json", JSON.writeValueAsBytes(values), posix));
      }
      LOG.info("exported {} application(s) to {}", written.size(), dir);
      return written;
    } catch (IOException e) {
      throw new StoreException("cannot export to " + dir + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static Path writeAtomically(Path dir, String name, byte[] content, boolean posix)
      throws IOException {
    Path target = dir.resolve(name);
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                "." + name,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, "." + name, ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(content);
        out.write('\n');
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
