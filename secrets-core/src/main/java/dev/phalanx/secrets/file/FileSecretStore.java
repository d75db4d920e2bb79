package dev.phalanx.secrets.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store kept in one local JSON file: the embedded default for people without a Vault.
 *
 * <p>The file is created with permissions {@code 0600} and always replaced atomically (write a
 * temporary file, fsync, rename, fsync the directory), so a crash leaves either the old or the new
 * content, never a broken file. Every operation holds an exclusive lock on a {@code .lock} file
 * beside it, so concurrent processes see consistent versions and conditional writes are atomic.
 * Each application has a version, incremented on every write, for check-and-set.
 */
final class FileSecretStore implements SecretStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileSecretStore.class);
  private static final String FORMAT = "phalanx-secrets-file-store/1";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final Path lockFile;
  private final ReentrantLock localLock = new ReentrantLock();
  private final List<String> warnings = new ArrayList<>();

  FileSecretStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
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
  public Map<String, StoredApplication> readAll(java.util.Collection<String> applications) {
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
   * Runs an operation on the file's content under the exclusive lock, then writes the content back
   * atomically when {@code modifies}.
   */
  private <T> T locked(Function<Map<String, StoredApplication>, T> operation, boolean modifies) {
    localLock.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
          FileChannel.open(
              lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly())) {
        FileLock lock = channel.lock();
        try {
          Map<String, StoredApplication> apps = load();
          T result = operation.apply(apps);
          if (modifies) {
            save(apps);
          }
          return result;
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new StoreException("file store " + file + ": " + e.getMessage(), e);
    } finally {
      localLock.unlock();
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private Map<String, StoredApplication> load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote content; report the position only.
      throw new StoreException(
          "file store "
              + file
              + " is not valid JSON (line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ")");
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new StoreException(
          "file store " + file + " is not a phalanx-secrets store (format " + FORMAT + ")");
    }
    Map<String, StoredApplication> apps = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("applications").properties()) {
      JsonNode node = e.getValue();
      Map<String, SecretValue> data = new TreeMap<>();
      node.path("data")
          .properties()
          .forEach(f -> data.put(f.getKey(), SecretValue.of(f.getValue().asText())));
      apps.put(
          e.getKey(), StoredApplication.present(e.getKey(), data, node.path("version").asLong(1)));
    }
    return apps;
  }

  private void save(Map<String, StoredApplication> apps) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode applications = root.putObject("applications");
    for (StoredApplication app : apps.values()) {
      ObjectNode node = applications.putObject(app.application());
      node.put("version", app.version());
      ObjectNode data = node.putObject("data");
      app.data().forEach((k, v) -> data.put(k, v.reveal()));
    }
    byte[] bytes = MAPPER.writeValueAsBytes(root);
    Path temp =
        Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", ownerOnly());
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StoreException(
            "file store " + file + ": the file system cannot replace files atomically");
      }
      syncDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; the rename is still atomic there.
      LOG.debug("cannot fsync directory {}", file.getParent(), e);
    }
  }

  @Override
  public String toString() {
    return "FileSecretStore[" + file + "]";
  }
}
