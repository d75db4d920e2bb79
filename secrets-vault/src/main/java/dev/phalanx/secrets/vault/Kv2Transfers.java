package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.PhalanxSecretsException;
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
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bulk operations over whole prefixes: copy between prefixes and export to files. */
final class Kv2Transfers {

  private static final Logger LOG = LoggerFactory.getLogger(Kv2Transfers.class);

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
