package dev.phalanx.secrets.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  @DisplayName("a new file is 0600, a replaced one too, and its new directories 0700")
  void ownerOnly() throws Exception {
    Path file = dir.resolve("a/b/out.yaml");
    OwnerOnlyFiles.write(file, "one");
    assertThat(perms(file)).isEqualTo("rw-------");
    assertThat(perms(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(perms(dir.resolve("a/b"))).isEqualTo("rwx------");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    OwnerOnlyFiles.write(file, "two");
    assertThat(perms(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("two");
    try (Stream<Path> list = Files.list(file.getParent())) {
      assertThat(list).containsExactly(file);
    }
  }

  @Test
  @DisplayName("a symbolic link (a chain, relative) is written through; the link stays a link")
  void writesThroughLinks() throws Exception {
    Path real = dir.resolve("real/store.json");
    Files.createDirectories(real.getParent());
    Files.writeString(real, "old");
    Path links = Files.createDirectories(dir.resolve("links"));
    Path middle =
        Files.createSymbolicLink(links.resolve("middle.json"), Path.of("../real/store.json"));
    Path link = Files.createSymbolicLink(links.resolve("store.json"), Path.of("middle.json"));

    Path written = OwnerOnlyFiles.write(link, "new");

    assertThat(written).isEqualTo(real.toAbsolutePath());
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.isSymbolicLink(middle)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
    assertThat(perms(real)).isEqualTo("rw-------");
    try (Stream<Path> list = Files.list(links)) {
      assertThat(list).hasSize(2); // the temporary file went to the target's directory
    }
  }

  @Test
  @DisplayName("a dangling link gets its target created; a link loop is an error")
  void danglingAndLoop() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("l.json"), dir.resolve("t.json"));
    OwnerOnlyFiles.write(link, "x");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(dir.resolve("t.json"))).isEqualTo("x");

    Path a = dir.resolve("a");
    Files.createSymbolicLink(a, dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), a);
    assertThatThrownBy(() -> OwnerOnlyFiles.write(a, "x"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic links");
  }

  @Test
  @DisplayName("a directory in the way is an error, nothing replaced")
  void directoryRefused() throws Exception {
    Path target = Files.createDirectories(dir.resolve("out.json"));
    assertThatThrownBy(() -> OwnerOnlyFiles.write(target, "x"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a directory");
    assertThat(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  @DisplayName("stale temporaries: only our own naming for that file")
  void staleTemporaries() throws Exception {
    Path target = dir.resolve("store.json");
    Path ours = Files.createFile(dir.resolve(".store.json8412730012.tmp"));
    Files.createFile(dir.resolve(".store.json.bak.tmp"));
    Files.createFile(dir.resolve(".other.json123.tmp"));
    Files.createFile(dir.resolve(".store.jsonx123.tmp"));
    assertThat(OwnerOnlyFiles.staleTemporaries(target)).containsExactly(ours);
  }
}
