package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.support.ExportFiles;
import dev.phalanx.secrets.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bulk operations over whole prefixes: copy between prefixes and export to files. */
final class Kv2Transfers {

  private static final Logger LOG = LoggerFactory.getLogger(Kv2Transfers.class);

  private Kv2Transfers() {}

  /**
   * Copies every live application from one prefix to another, overwriting applications that exist
   * at the target with check-and-set (other target applications are left alone).
   *
   * @param fromPrefix the source, {@code <mount>/<path>}
   * @param toPrefix the target, {@code <mount>/<path>}
   * @return the applications copied, sorted
   * @throws StoreException when a read or write fails; applications copied before stay copied
   */
  static List<String> copy(Kv2Accessor from, Kv2Accessor to) {
    SortedSet<String> apps = from.listLive();
    Map<String, StoredApplication> source = from.readAll(apps);
    Map<String, StoredApplication> target = to.readAll(apps);
    List<String> copied = new ArrayList<>();
    for (String app : apps) {
      StoredApplication a = source.get(app);
      if (a == null || !a.isPresent()) {
        continue;
      }
      StoredApplication current = target.get(app);
      WriteCondition condition =
          current == null
              ? new WriteCondition.CreateOnly()
              : new WriteCondition.IfVersion(current.version());
      to.write(app, a.data(), condition);
      copied.add(app);
    }
    LOG.info("copied {} application(s) from {} to {}", copied.size(), from.paths(), to.paths());
    return copied;
  }

  /**
   * Writes every live application of the environment to {@code <dir>/<app>.json} in the one export
   * format ({@link ExportFiles}: Phalanx's {@code export-secrets} bytes). Each file is written by
   * {@link OwnerOnlyFiles} ({@code 0600}, atomic); the directory is created ({@code 0700}) when
   * missing.
   *
   * @param dir the output directory
   * @return the files written, in application order
   * @throws StoreException when Vault or the file system fails
   */
  static List<Path> export(Kv2Accessor kv, Path dir) {
    SortedSet<String> apps = kv.listLive();
    Map<String, StoredApplication> all = kv.readAll(apps);
    Map<String, Map<String, SecretValue>> live = new TreeMap<>();
    for (String app : apps) {
      StoredApplication a = all.get(app);
      if (a != null && a.isPresent()) {
        live.put(app, a.data());
      }
    }
    try {
      List<Path> written = ExportFiles.writeAll(dir, live);
      LOG.info("exported {} application(s) to {}", written.size(), dir);
      return written;
    } catch (IllegalArgumentException e) {
      throw new StoreException(e.getMessage());
    } catch (IOException e) {
      throw new StoreException("cannot export to " + dir + ": " + e.getMessage(), e);
    }
  }
}
