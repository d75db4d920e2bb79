package dev.phalanx.secrets.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("File store")
class FileSecretStoreTest {

  static final String SECRET = "Pa55-w0rd-SECRET";
  static final String F = "\"format\": \"phalanx-secrets-file-store/1\"";

  @TempDir Path dir;

  static SecretStore open(Path file) {
    return new FileSecretStoreProvider().create(StoreConfig.of(file.toString()));
  }

  static Map<String, SecretValue> data(String k, String v) {
    return Map.of(k, SecretValue.of(v));
  }

  static List<String> listing(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Nested
  @DisplayName("a file of the wrong shape is an error naming file and JSON path; nothing written")
  class WrongShape {

    static Stream<Arguments> cases() {
      String app = "\"applications\": {\"argocd\": {\"version\": 1, \"data\": ";
      return Stream.of(
          Arguments.of("{" + F + ", \"applications\": [\"" + SECRET + "\"]}", "$.applications:"),
          Arguments.of("{" + F + "}", "$: has no \"applications\" field"),
          Arguments.of("{\"applications\": {}}", "$: is not a phalanx-secrets store"),
          Arguments.of("{\"format\": \"" + SECRET + "\", \"applications\": {}}", "$.format:"),
          Arguments.of("[\"" + SECRET + "\"]", "$: expected an object, found a list"),
          Arguments.of(
              "{" + F + ", " + app + "[\"" + SECRET + "\"]}}}", "$.applications.argocd.data:"),
          Arguments.of(
              "{" + F + ", " + app + "{\"admin.password\": null}}}}",
              "$.applications.argocd.data.admin.password: expected a string, found null"),
          Arguments.of(
              "{" + F + ", " + app + "{\"k\": 918273645}}}}",
              "$.applications.argocd.data.k: expected a string, found a number"),
          Arguments.of(
              "{" + F + ", " + app + "{\"k\": {\"inner\": \"" + SECRET + "\"}}}}}",
              "$.applications.argocd.data.k: expected a string, found an object"),
          Arguments.of(
              "{" + F + ", " + app + "{\"k\": true}}}}",
              "$.applications.argocd.data.k: expected a string, found a boolean"),
          Arguments.of(
              "{" + F + ", " + app + "{\"k\": \"" + SECRET + "\", \"k\": \"x\"}}}}",
              "$.applications.argocd.data.k: duplicate key"),
          Arguments.of(
              "{" + F + ", " + app + "{\"a b\": 1}}}}",
              "$.applications.argocd.data['a b']: expected a string"),
          Arguments.of(
              "{" + F + ", \"applications\": {}, \"extra\": \"" + SECRET + "\"}",
              "$.extra: unknown field"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": \"" + SECRET + "\"}}",
              "$.applications.a: expected an object with version and data, found a string"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": {\"data\": {}}}}",
              "$.applications.a: has no \"version\" field"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": {\"version\": 1}}}",
              "$.applications.a: has no \"data\" field"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": {\"version\": \"1\", \"data\": {}}}}",
              "$.applications.a.version: expected a positive integer, found a string"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": {\"version\": 0, \"data\": {}}}}",
              "$.applications.a.version: expected a positive integer"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": {\"version\": 1.5, \"data\": {}}}}",
              "$.applications.a.version: expected a positive integer, found a number"),
          Arguments.of(
              "{" + F + ", \"applications\": {\"a\": {\"version\": 1, \"data\": {}, \"x\": 1}}}",
              "$.applications.a.x: unknown field"),
          Arguments.of("{" + F + ", \"applications\": {}} [\"" + SECRET + "\"]", "$: has content"),
          Arguments.of("{" + F + ", " + app + "{\"k\": \"" + SECRET, "is not valid JSON (line 1"),
          Arguments.of(
              "{" + F + ", \"applications\": {}, \"k\": " + SECRET + "}", "not valid JSON"),
          Arguments.of("", "is empty"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void refused(String content, String expected) throws Exception {
      Path file = dir.resolve("store.json");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      SecretStore store = open(file);

      assertThatThrownBy(store::listApplications)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining(expected)
          .hasMessageContaining("line ")
          .hasMessageNotContaining(SECRET)
          .hasMessageNotContaining("918273645");
      assertThatThrownBy(() -> store.read("argocd")).isInstanceOf(StoreException.class);
      assertThatThrownBy(
              () -> store.write("argocd", data("k", "v"), new WriteCondition.IfVersion(1)))
          .isInstanceOf(StoreException.class)
          .hasMessageNotContaining(SECRET);
      assertThatThrownBy(() -> store.delete("argocd")).isInstanceOf(StoreException.class);
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    @DisplayName("the error gives line and column of the offending token")
    void position() throws Exception {
      Path file = dir.resolve("store.json");
      Files.writeString(
          file,
          "{\n  "
              + F
              + ",\n  \"applications\": {\n    \"a\": {\"version\": 1, \"data\": {\"k\": null}}"
              + "\n  }\n}");
      assertThatThrownBy(() -> open(file).read("a"))
          .hasMessageContaining("$.applications.a.data.k: expected a string, found null")
          .hasMessageContaining("(line 4, column 39)");
    }
  }

  @Nested
  @DisplayName("a store path that is a symbolic link")
  class Symlink {

    @Test
    @DisplayName("is written through to its target; the link stays and the target is updated")
    void writeThrough() throws Exception {
      Path real = Files.createDirectories(dir.resolve("real")).resolve("store.json");
      Path links = Files.createDirectories(dir.resolve("links"));
      Path link =
          Files.createSymbolicLink(links.resolve("store.json"), Path.of("../real/store.json"));

      SecretStore viaLink = open(link);
      viaLink.write("app", data("k", "one"), new WriteCondition.CreateOnly());
      viaLink.write("app", data("k", "two"), new WriteCondition.IfVersion(1));

      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(Files.isRegularFile(real)).isTrue();
      assertThat(open(real).read("app").orElseThrow().data()).isEqualTo(data("k", "two"));
      assertThat(open(real).read("app").orElseThrow().version()).isEqualTo(2);
      // lock and temporary files live beside the target, not the link
      assertThat(listing(links)).containsExactly("store.json");
      assertThat(listing(real.getParent())).containsExactly("store.json", "store.json.lock");
      // the real path and the link share one lock and one version sequence
      open(real).write("app", data("k", "three"), new WriteCondition.IfVersion(2));
      assertThat(viaLink.read("app").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    @DisplayName("a dangling link gets its target created on the first write")
    void dangling() throws Exception {
      Path real = dir.resolve("real.json");
      Path link = Files.createSymbolicLink(dir.resolve("store.json"), real);
      SecretStore store = open(link);
      assertThat(store.listApplications()).isEmpty();
      store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(open(real).listApplications()).containsExactly("app");
    }
  }

  @Nested
  @DisplayName("reading writes nothing")
  class ReadOnly {

    @Test
    @DisplayName("reading a store whose directory does not exist creates no directory and no lock")
    void missingDirectory() {
      Path file = dir.resolve("sub/store.json");
      SecretStore store = open(file);
      assertThat(store.listApplications()).isEmpty();
      assertThat(store.read("app")).isEmpty();
      assertThat(store.readAll(List.of("a", "b"))).isEmpty();
      assertThat(dir.resolve("sub")).doesNotExist();
    }

    @Test
    @DisplayName("reading a store without a lock file creates none; with one, reads under it")
    void noLockCreated() throws Exception {
      Path file = dir.resolve("store.json");
      open(file).write("app", data("k", "v"), new WriteCondition.CreateOnly());
      Files.delete(dir.resolve("store.json.lock"));
      assertThat(open(file).read("app")).isPresent();
      assertThat(listing(dir)).containsExactly("store.json");

      open(file).write("app", data("k", "w"), new WriteCondition.IfVersion(1));
      Path lock = dir.resolve("store.json.lock");
      Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("r--------"));
      assertThat(open(file).read("app").orElseThrow().data()).isEqualTo(data("k", "w"));
    }

    @Test
    @DisplayName("a read-only store directory can be read (not as root: root ignores modes)")
    void readOnlyDirectory() throws Exception {
      Assumptions.assumeTrue(
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
      Assumptions.assumeFalse(
          "root".equals(System.getProperty("user.name")), "root ignores permissions");
      Path sub = Files.createDirectories(dir.resolve("ro"));
      Path file = sub.resolve("store.json");
      open(file).write("app", data("k", "v"), new WriteCondition.CreateOnly());
      Files.delete(sub.resolve("store.json.lock"));
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-x------"));
      try {
        assertThat(open(file).read("app")).isPresent();
        assertThatThrownBy(() -> open(file).delete("app")).isInstanceOf(StoreException.class);
      } finally {
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  @Test
  @DisplayName("a write removes stale temporary files of our own naming; a read leaves them")
  void staleTemporariesRemoved() throws Exception {
    Path file = dir.resolve("store.json");
    SecretStore store = open(file);
    store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
    Files.writeString(dir.resolve(".store.json5550123456789.tmp"), "{\"half");
    Files.writeString(dir.resolve(".store.json.keep.tmp"), "not ours");

    store.read("app");
    assertThat(listing(dir)).contains(".store.json5550123456789.tmp");

    store.write("app", data("k", "w"), new WriteCondition.IfVersion(1));
    assertThat(listing(dir))
        .containsExactly(".store.json.keep.tmp", "store.json", "store.json.lock");
  }

  @Test
  @DisplayName("a FIFO or a directory as the store path is refused at once, never read")
  void specialFilesRefused() throws Exception {
    Path fifo = dir.resolve("fifo.json");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    Assumptions.assumeTrue(made, "needs mkfifo");
    assertThatThrownBy(() -> open(fifo).listApplications())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a regular file");
    Path directory = Files.createDirectories(dir.resolve("d.json"));
    assertThatThrownBy(() -> open(directory).read("a"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  @DisplayName("the store's own output reads back strictly (round trip)")
  void roundTrip() {
    Path file = dir.resolve("store.json");
    SecretStore store = open(file);
    store.write("a", Map.of(), new WriteCondition.CreateOnly());
    store.write("b.c", data("k.l", "v\u00e9\n"), new WriteCondition.CreateOnly());
    SecretStore again = open(file);
    assertThat(again.listApplications()).containsExactly("a", "b.c");
    assertThat(again.read("b.c").orElseThrow().data()).isEqualTo(data("k.l", "v\u00e9\n"));
  }
}
