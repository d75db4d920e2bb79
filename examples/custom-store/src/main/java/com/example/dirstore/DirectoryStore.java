package com.example.dirstore;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A store keeping each application in {@code <dir>/<application>.properties}: a {@code version}, a
 * {@code state} and one {@code data.<key>} entry per secret. Versions make check-and-set possible;
 * a soft delete keeps the version, as Vault does. Writes replace the file atomically. Serialised
 * within one process (enough for an example; a real store would also lock across processes).
 */
final class DirectoryStore implements SecretStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String DATA = "data.";

  private final Path dir;

  DirectoryStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_WRITE_CAS;
  }

  @Override
  public String describe() {
    return "dirstore " + dir;
  }

  @Override
  public synchronized SortedSet<String> listApplications() {
    SortedSet<String> names = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        load(name).filter(StoredApplication::isPresent).ifPresent(a -> names.add(name));
      }
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot list: " + e.getClass().getSimpleName(), e);
    }
    return names;
  }

  @Override
  public synchronized Optional<StoredApplication> read(String application) {
    return load(application);
  }

  @Override
  public synchronized long write(
      String application, Map<String, SecretValue> data, WriteCondition condition) {
    Optional<StoredApplication> current = load(application);
    long version = current.map(StoredApplication::version).orElse(0L);
    if (condition instanceof WriteCondition.CreateOnly && current.isPresent()) {
      throw new CheckAndSetException(
          application, describe() + ": " + application + " exists at version " + version);
    }
    if (condition instanceof WriteCondition.IfVersion expected && expected.version() != version) {
      throw new CheckAndSetException(
          application,
          describe()
              + ": "
              + application
              + " is at version "
              + version
              + ", not "
              + expected.version());
    }
    save(application, data, version + 1, StoredApplication.State.PRESENT);
    return version + 1;
  }

  @Override
  public synchronized void delete(String application) {
    try {
      Files.deleteIfExists(file(application));
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot delete " + application, e);
    }
  }

  /**
   * Soft-deletes the latest version: the application reads as DELETED and keeps its version.
   *
   * @param application an existing application
   */
  synchronized void softDelete(String application) {
    StoredApplication current = load(application).orElseThrow();
    save(application, Map.of(), current.version(), StoredApplication.State.DELETED);
  }

  private Path file(String application) {
    if (!NAME.matcher(application).matches()) {
      throw new StoreException(describe() + ": not a valid application name: " + application);
    }
    return dir.resolve(application + ".properties");
  }

  private Optional<StoredApplication> load(String application) {
    Path file = file(application);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      // The message of a parse error may quote content: report the file only.
      throw new StoreException(describe() + ": cannot read " + file.getFileName());
    }
    Map<String, SecretValue> data = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(DATA)) {
        data.put(name.substring(DATA.length()), SecretValue.of(p.getProperty(name)));
      }
    }
    long version = Long.parseLong(p.getProperty("version", "1"));
    StoredApplication.State state =
        StoredApplication.State.valueOf(p.getProperty("state", "PRESENT"));
    return Optional.of(new StoredApplication(application, data, version, state));
  }

  private void save(
      String application,
      Map<String, SecretValue> data,
      long version,
      StoredApplication.State state) {
    Path file = file(application);
    Properties p = new Properties();
    p.setProperty("version", Long.toString(version));
    p.setProperty("state", state.name());
    data.forEach((k, v) -> p.setProperty(DATA + k, v.reveal()));
    try {
      StringWriter text = new StringWriter();
      p.store(text, null);
      // The core's owner-only writer: 0600, temporary file, fsync, atomic rename.
      OwnerOnlyFiles.write(file, text.toString());
    } catch (IOException e) {
      throw new StoreException(describe() + ": cannot write " + application, e);
    }
  }

  @Override
  public String toString() {
    return "DirectoryStore[" + dir + "]";
  }
}
