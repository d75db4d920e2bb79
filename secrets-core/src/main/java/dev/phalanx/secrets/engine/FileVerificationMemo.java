package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-backed {@link VerificationMemo}: see {@link VerificationMemo#file(Path)}.
 *
 * <p>Layout of {@code verified}: the 8 bytes {@code PSVMEMO1}, then 32-byte HMAC-SHA256 tags,
 * oldest first. Anything else reads as empty. {@code key}: exactly 32 random bytes, owner-only; a
 * key that is missing, of the wrong length or readable by others is replaced (and the tags made
 * with the old one dropped). {@code lock} serialises the read-merge-replace of concurrent runs.
 */
final class FileVerificationMemo implements VerificationMemo {

  private static final Logger LOG = LoggerFactory.getLogger(FileVerificationMemo.class);

  /** At most this many tags are kept (32 bytes each: 256 KiB). */
  static final int MAX_ENTRIES = 8192;

  static final String KEY_FILE = "key";
  static final String MEMO_FILE = "verified";
  static final String LOCK_FILE = "lock";
  static final byte[] MAGIC = "PSVMEMO1".getBytes(StandardCharsets.US_ASCII);

  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> NOT_OWNER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /** One JVM's threads take turns before taking the (process-wide) file lock. */
  private static final Object IN_PROCESS = new Object();

  private final Path directory;
  private final MemoKey key;
  private final Set<MemoKey.Tag> known;
  private final Set<MemoKey.Tag> added = ConcurrentHashMap.newKeySet();

  private FileVerificationMemo(Path directory, MemoKey key, Set<MemoKey.Tag> known) {
    this.directory = directory;
    this.key = key;
    this.known = known;
  }

  static VerificationMemo open(Path directory) {
    try {
      prepareDirectory(directory);
      return locked(
          directory,
          () -> {
            MemoKey key = readKey(directory);
            if (key == null) {
              key = newKey(directory);
              Files.deleteIfExists(directory.resolve(MEMO_FILE));
            }
            return new FileVerificationMemo(directory, key, readTags(directory));
          });
    } catch (IOException | RuntimeException e) {
      LOG.debug(
          "verification memo in {} not usable ({}); remembering in memory only", directory, e);
      return VerificationMemo.inMemory();
    }
  }

  @Override
  public boolean verified(String type, SecretValue source, SecretValue stored) {
    MemoKey.Tag tag = key.mac(type, source, stored);
    return known.contains(tag) || added.contains(tag);
  }

  @Override
  public void remember(String type, SecretValue source, SecretValue stored) {
    MemoKey.Tag tag = key.mac(type, source, stored);
    if (!known.contains(tag)) {
      added.add(tag);
    }
  }

  @Override
  public void flush() {
    if (added.isEmpty()) {
      return;
    }
    List<MemoKey.Tag> pending = new ArrayList<>(added);
    try {
      boolean saved =
          locked(
              directory,
              () -> {
                MemoKey current = readKey(directory);
                if (current == null || !current.sameAs(key)) {
                  // Another run replaced the key: our tags mean nothing with the new one.
                  LOG.debug("verification memo key changed; not saving");
                  return false;
                }
                LinkedHashSet<MemoKey.Tag> tags = readTags(directory);
                pending.forEach(tags::remove);
                tags.addAll(pending);
                write(directory, trim(tags));
                return true;
              });
      if (!saved) {
        return;
      }
      known.addAll(pending);
      added.removeAll(pending);
    } catch (IOException | RuntimeException e) {
      LOG.debug("verification memo in {} not saved: {}", directory, e.toString());
    }
  }

  private static List<MemoKey.Tag> trim(LinkedHashSet<MemoKey.Tag> tags) {
    List<MemoKey.Tag> all = new ArrayList<>(tags);
    return all.size() <= MAX_ENTRIES ? all : all.subList(all.size() - MAX_ENTRIES, all.size());
  }

  private static void prepareDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = directory.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(
            directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      throw new IOException("not a POSIX file system");
    }
    String me = System.getProperty("user.name");
    if (!view.getOwner().getName().equals(me)) {
      throw new IOException("directory is not owned by " + me);
    }
    if (!Collections.disjoint(view.readAttributes().permissions(), NOT_OWNER)) {
      view.setPermissions(OWNER_DIR);
    }
  }

  /** Work done under the lock. */
  private interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding this JVM's lock and the lock file's (other processes'). */
  private static <T> T locked(Path directory, Locked<T> work) throws IOException {
    synchronized (IN_PROCESS) {
      try (FileChannel channel =
          FileChannel.open(
              directory.resolve(LOCK_FILE),
              EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              ownerOnly())) {
        FileLock lock = channel.lock();
        try {
          return work.run();
        } finally {
          lock.release();
        }
      }
    }
  }

  private static @Nullable MemoKey readKey(Path directory) throws IOException {
    Path file = directory.resolve(KEY_FILE);
    byte[] bytes;
    try {
      if (!Collections.disjoint(
              Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS), NOT_OWNER)
          || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      return bytes.length == MemoKey.LENGTH ? new MemoKey(bytes) : null;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static MemoKey newKey(Path directory) throws IOException {
    MemoKey key = MemoKey.random();
    replace(directory, KEY_FILE, key.encoded());
    return key;
  }

  private static LinkedHashSet<MemoKey.Tag> readTags(Path directory) throws IOException {
    LinkedHashSet<MemoKey.Tag> tags = new LinkedHashSet<>();
    Path file = directory.resolve(MEMO_FILE);
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || Files.size(file) > MAGIC.length + (long) MAX_ENTRIES * MemoKey.LENGTH) {
        return tags;
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return tags;
    }
    if (bytes.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)
        || (bytes.length - MAGIC.length) % MemoKey.LENGTH != 0) {
      LOG.debug("verification memo {} is not a memo; reading it as empty", file);
      return tags;
    }
    for (int at = MAGIC.length; at < bytes.length; at += MemoKey.LENGTH) {
      tags.add(new MemoKey.Tag(Arrays.copyOfRange(bytes, at, at + MemoKey.LENGTH)));
    }
    return tags;
  }

  private static void write(Path directory, List<MemoKey.Tag> tags) throws IOException {
    byte[] bytes = new byte[MAGIC.length + tags.size() * MemoKey.LENGTH];
    System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
    int at = MAGIC.length;
    for (MemoKey.Tag tag : tags) {
      System.arraycopy(tag.bytes(), 0, bytes, at, MemoKey.LENGTH);
      at += MemoKey.LENGTH;
    }
    replace(directory, MEMO_FILE, bytes);
  }

  /** Writes a new owner-only file next to the target, then moves it over the target atomically. */
  private static void replace(Path directory, String name, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(directory, "." + name + "-", ".tmp", ownerOnly());
    try {
      Files.write(temp, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      try {
        Files.move(
            temp,
            directory.resolve(name),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("atomic replace is not supported in " + directory, e);
      }
    } finally {
      Files.deleteIfExists(temp);
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(OWNER_FILE);
  }
}
