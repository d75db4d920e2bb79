package dev.phalanx.secrets.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store kept in one local JSON file: the embedded default for people without a Vault.
 *
 * <p>The file is created with permissions {@code 0600} and always replaced atomically by {@link
 * OwnerOnlyFiles} (write a temporary file, fsync, rename, fsync the directory), so a crash leaves
 * either the old or the new content, never a broken file. When the path is a symbolic link, the
 * link's target is updated (in the target's directory) and the link stays. Every write holds an
 * exclusive lock on a {@code .lock} file beside the (link-resolved) file, so conditional writes are
 * atomic across processes, and removes temporary files that killed writers left. Reads take a
 * shared lock when they can and otherwise none, and never create anything: a read-only store
 * directory can be audited and exported, and a dry run writes nothing. Each application has a
 * version, incremented on every write, for check-and-set.
 *
 * <p>The file is read strictly ({@link StoreFileReader}): a file of any other shape is an error
 * naming the JSON path, and is never overwritten.
 */
final class FileSecretStore implements SecretStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileSecretStore.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** One lock per lock file and JVM: file locks are held per process, not per thread. */
  private static final ConcurrentMap<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final List<String> warnings = new ArrayList<>();

  FileSecretStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    checkPermissions();
  }

  private void checkPermissions() {
    if (!Files.exists(file) || !posix()) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        String warning =
            "file store "
                + file
                + " is readable by others (permissions "
                + PosixFilePermissions.toString(perms)
                + "); run: chmod 600 "
                + file;
        // Returned to the caller, which reports it: logged at debug only, never printed twice.
        LOG.debug(warning);
        warnings.add(warning);
      }
    } catch (IOException e) {
      LOG.debug("cannot read permissions of {}", file, e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_WRITE_CAS;
  }

  @Override
  public String describe() {
    return "file " + file;
  }

  @Override
  public SortedSet<String> listApplications() {
    return locked(
        apps -> {
          SortedSet<String> names = new TreeSet<>();
          apps.forEach(
              (name, entry) -> {
                if (entry.state() == StoredApplication.State.PRESENT) {
                  names.add(name);
                }
              });
          return names;
        },
        false);
  }

  @Override
  public Optional<StoredApplication> read(String application) {
    return locked(apps -> Optional.ofNullable(apps.get(application)), false);
  }

  @Override
  public Map<String, StoredApplication> readAll(Collection<String> applications) {
    return locked(
        apps -> {
          Map<String, StoredApplication> out = new TreeMap<>();
          for (String app : applications) {
            StoredApplication a = apps.get(app);
            if (a != null) {
              out.put(app, a);
            }
          }
          return out;
        },
        false);
  }

  @Override
  public long write(String application, Map<String, SecretValue> data, WriteCondition condition) {
    return locked(
        apps -> {
          StoredApplication current = apps.get(application);
          check(application, current, condition);
          long version = current == null ? 1 : current.version() + 1;
          apps.put(application, StoredApplication.present(application, data, version));
          return version;
        },
        true);
  }

  private static void check(
      String application, StoredApplication current, WriteCondition condition) {
    if (condition instanceof WriteCondition.CreateOnly && current != null) {
      throw new CheckAndSetException(
          application,
          "application " + application + " already exists (version " + current.version() + ")");
    }
    if (condition instanceof WriteCondition.IfVersion expected) {
      long actual = current == null ? 0 : current.version();
      if (actual != expected.version()) {
        throw new CheckAndSetException(
            application,
            "application "
                + application
                + " is at version "
                + actual
                + ", expected "
                + expected.version());
      }
    }
  }

  @Override
  public void delete(String application) {
    locked(apps -> apps.remove(application), true);
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Runs an operation on the file's content. A modifying operation holds the exclusive lock,
   * removes stale temporary files of earlier killed writers, and writes the content back
   * atomically. A read takes a shared lock when the lock file exists and can be opened, and no lock
   * otherwise (the file is only ever replaced by an atomic rename, so a reader always sees one
   * whole version); a read never creates anything.
   */
  private <T> T locked(Function<Map<String, StoredApplication>, T> operation, boolean modifies) {
    Path target;
    try {
      target = OwnerOnlyFiles.resolveLinks(file);
    } catch (IOException e) {
      throw failure(e);
    }
    Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
    ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    local.lock();
    try {
      if (modifies) {
        return exclusive(target, lockFile, operation);
      }
      try (FileChannel channel = openForShared(lockFile)) {
        FileLock lock = channel == null ? null : channel.lock(0, Long.MAX_VALUE, true);
        try {
          return operation.apply(load(target));
        } finally {
          if (lock != null) {
            lock.release();
          }
        }
      }
    } catch (IOException e) {
      throw failure(e);
    } finally {
      local.unlock();
    }
  }

  private <T> T exclusive(
      Path target, Path lockFile, Function<Map<String, StoredApplication>, T> operation)
      throws IOException {
    OwnerOnlyFiles.createDirectories(target.getParent());
    try (FileChannel channel =
        FileChannel.open(
            lockFile,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            OwnerOnlyFiles.ownerOnlyFile())) {
      FileLock lock = channel.lock();
      try {
        Map<String, StoredApplication> apps = load(target);
        T result = operation.apply(apps);
        removeStaleTemporaries(target);
        save(target, apps);
        return result;
      } finally {
        lock.release();
      }
    }
  }

  /** The lock file opened for reading, or null when it is missing or cannot be opened. */
  private static @Nullable FileChannel openForShared(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return null;
    }
    try {
      return FileChannel.open(lockFile, StandardOpenOption.READ);
    } catch (IOException e) {
      LOG.debug("reading without a lock: cannot open {}", lockFile, e);
      return null;
    }
  }

  /** Under the exclusive lock no writer of ours is active: its temporary files are stale. */
  private static void removeStaleTemporaries(Path target) {
    try {
      for (Path stale : OwnerOnlyFiles.staleTemporaries(target)) {
        Files.deleteIfExists(stale);
        LOG.info("removed stale temporary file {} (left by an interrupted write)", stale);
      }
    } catch (IOException e) {
      LOG.debug("cannot remove stale temporary files beside {}", target, e);
    }
  }

  private StoreException failure(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof AccessDeniedException) {
      reason = "permission denied: " + reason;
    }
    return new StoreException("file store " + file + ": " + reason, e);
  }

  private Map<String, StoredApplication> load(Path target) throws IOException {
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // A FIFO or device would hang or never end; a directory cannot be a store.
      throw new StoreException("file store " + file + " is not a regular file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(target);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    }
    return new TreeMap<>(StoreFileReader.read(file, bytes));
  }

  private static void save(Path target, Map<String, StoredApplication> apps) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", StoreFileReader.FORMAT);
    ObjectNode applications = root.putObject("applications");
    for (StoredApplication app : apps.values()) {
      ObjectNode node = applications.putObject(app.application());
      node.put("version", app.version());
      ObjectNode data = node.putObject("data");
      app.data().forEach((k, v) -> data.put(k, v.reveal()));
    }
    OwnerOnlyFiles.write(target, MAPPER.writeValueAsBytes(root));
  }

  @Override
  public String toString() {
    return "FileSecretStore[" + file + "]";
  }
}
