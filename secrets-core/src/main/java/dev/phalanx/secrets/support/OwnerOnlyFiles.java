package dev.phalanx.secrets.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of local files that may hold secrets: the file store, {@code export}, {@code vault
 * export-secrets}, {@code static-template -o} and {@code onepassword-secrets -o} all write through
 * it.
 *
 * <p>Guarantees of {@link #write(Path, byte[])}:
 *
 * <ul>
 *   <li>The content goes to a temporary file created {@code 0600} (on POSIX file systems) in the
 *       target's own directory, named {@code .<name><digits>.tmp}; it is fsynced, renamed over the
 *       target in one atomic step, and the directory is fsynced. A crash leaves the old content or
 *       the new, never a mix; at worst a stale temporary file (see {@link #staleTemporaries}).
 *   <li>A file system that cannot rename atomically is refused (an {@link IOException}); the target
 *       is then untouched. There is no non-atomic fallback.
 *   <li>When the target is a symbolic link (or a chain of them), the write goes through to the
 *       link's final target, in that target's directory, so the link keeps pointing at the updated
 *       file.
 *   <li>Directories it creates are created {@code 0700}.
 *   <li>Exception messages name paths, never content.
 * </ul>
 */
public final class OwnerOnlyFiles {

  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
  private static final int MAX_LINKS = 40;
  private static final String TEMP_SUFFIX = ".tmp";

  private OwnerOnlyFiles() {}

  /**
   * Writes text (UTF-8) to a file atomically, owner-only.
   *
   * @param file the file to create or replace (a symbolic link is written through)
   * @param content the text
   * @return the file actually written (the link's target when {@code file} is a link)
   * @throws IOException when the file cannot be written atomically; the target is then unchanged
   */
  public static Path write(Path file, String content) throws IOException {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes bytes to a file atomically, owner-only: temporary file {@code 0600} in the target's
   * directory, fsync, atomic rename, fsync of the directory.
   *
   * @param file the file to create or replace (a symbolic link is written through)
   * @param content the bytes
   * @return the file actually written (the link's target when {@code file} is a link)
   * @throws IOException when the file cannot be written atomically; the target is then unchanged
   */
  public static Path write(Path file, byte[] content) throws IOException {
    Path target = resolveLinks(file);
    Path dir = target.getParent();
    createDirectories(dir);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileSystemException(target.toString(), null, "is a directory");
    }
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX, ownerOnlyFile());
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new FileSystemException(
            target.toString(), null, "the file system cannot replace files atomically");
      }
      syncDirectory(dir);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Follows a chain of symbolic links to the path that a write must replace. A path that is not a
   * link is returned as it is (absolute, normalised); a dangling link gives its (missing) target.
   *
   * @param file the path
   * @return the final target, absolute and normalised
   * @throws IOException when a link cannot be read or the chain is too long (a loop)
   */
  public static Path resolveLinks(Path file) throws IOException {
    Path current = file.toAbsolutePath().normalize();
    for (int hops = 0; Files.isSymbolicLink(current); hops++) {
      if (hops >= MAX_LINKS) {
        throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
      }
      Path link = Files.readSymbolicLink(current);
      current = current.resolveSibling(link).toAbsolutePath().normalize();
    }
    return current;
  }

  /**
   * Creates a directory and its missing parents, each new one {@code 0700}; an existing directory
   * is left as it is.
   *
   * @param dir the directory
   * @return the directory
   * @throws IOException when it cannot be created
   */
  public static Path createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    return posix()
        ? Files.createDirectories(
            dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
        : Files.createDirectories(dir);
  }

  /**
   * The temporary files this writer leaves beside {@code target} when its process is killed
   * mid-write ({@code .<name><digits>.tmp}). Only a caller that knows no other writer is active
   * (for example under the file store's exclusive lock) may delete them.
   *
   * @param target the (link-resolved) file whose temporaries to list
   * @return the temporary files found, possibly none
   * @throws IOException when the directory cannot be listed
   */
  public static List<Path> staleTemporaries(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Pattern own =
        Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\d+\\.tmp");
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, p -> own.matcher(p.getFileName().toString()).matches())) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          found.add(entry);
        }
      }
    }
    return found;
  }

  /**
   * File attributes for a new owner-only file: {@code 0600} on POSIX file systems, none elsewhere.
   *
   * @return the attributes to pass to {@link Files#createFile} and friends
   */
  public static FileAttribute<?>[] ownerOnlyFile() {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; the rename is still atomic there.
      LOG.debug("cannot fsync directory {}", dir, e);
    }
  }
}
