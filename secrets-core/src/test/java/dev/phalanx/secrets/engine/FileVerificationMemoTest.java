package dev.phalanx.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The file-backed verification memo")
class FileVerificationMemoTest {

  static final String TYPE = "bcrypt-password-hash";
  static final SecretValue SOURCE = SecretValue.of("correct-horse-battery-staple-4711");
  static final SecretValue HASH =
      SecretValue.of("$2b$04$abcdefghijklmnopqrstuuJ8C9yXc7ZJ8b3xv6xKUq0jYfLrX1Gq2");

  @TempDir Path tmp;

  Path dir() {
    return tmp.resolve("cache").resolve("phalanx-secrets");
  }

  VerificationMemo open() {
    return VerificationMemo.file(dir());
  }

  @Test
  @DisplayName("remembers a verified pair across instances, and nothing else")
  void hitAndMiss() {
    VerificationMemo memo = open();
    assertThat(memo).isInstanceOf(FileVerificationMemo.class);
    assertThat(memo.verified(TYPE, SOURCE, HASH)).isFalse();
    memo.remember(TYPE, SOURCE, HASH);
    assertThat(memo.verified(TYPE, SOURCE, HASH)).isTrue();
    memo.flush();

    VerificationMemo again = open();
    assertThat(again.verified(TYPE, SOURCE, HASH)).isTrue();
    assertThat(again.verified(TYPE, SecretValue.of("another source"), HASH)).isFalse();
    assertThat(again.verified(TYPE, SOURCE, SecretValue.of("$2b$04$another"))).isFalse();
    assertThat(again.verified("other-type", SOURCE, HASH)).isFalse();
  }

  @Test
  @DisplayName("a pair remembered but not flushed is not persisted")
  void notFlushed() {
    open().remember(TYPE, SOURCE, HASH);
    assertThat(open().verified(TYPE, SOURCE, HASH)).isFalse();
  }

  @Test
  @DisplayName("boundaries between type, source and value cannot be shifted")
  void lengthPrefixed() {
    VerificationMemo memo = open();
    memo.remember("ab", SecretValue.of("c"), SecretValue.of("d"));
    assertThat(memo.verified("a", SecretValue.of("bc"), SecretValue.of("d"))).isFalse();
    assertThat(memo.verified("ab", SecretValue.of(""), SecretValue.of("cd"))).isFalse();
  }

  @Test
  @DisplayName("tags made with another key do not count: a replaced key empties the memo")
  void wrongKey() throws Exception {
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.write(dir().resolve("key"), other);
    assertThat(open().verified(TYPE, SOURCE, HASH)).isFalse();
  }

  @Test
  @DisplayName("a key readable by others is not trusted: replaced, and the old tags dropped")
  void looseKey() throws Exception {
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    Path key = dir().resolve("key");
    byte[] before = Files.readAllBytes(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(open().verified(TYPE, SOURCE, HASH)).isFalse();
    assertThat(Files.readAllBytes(key)).isNotEqualTo(before).hasSize(32);
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.exists(dir().resolve("verified"))).isFalse();
  }

  @Test
  @DisplayName("a key of the wrong length is replaced")
  void shortKey() throws Exception {
    open();
    Files.write(dir().resolve("key"), new byte[5]);
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    assertThat(Files.size(dir().resolve("key"))).isEqualTo(32);
    assertThat(open().verified(TYPE, SOURCE, HASH)).isTrue();
  }

  @Test
  @DisplayName("a corrupted memo file reads as empty and is replaced by a valid one")
  void corrupted() throws Exception {
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    Path file = dir().resolve("verified");
    for (byte[] garbage :
        List.of(
            "garbage".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            Files.readAllBytes(file).length > 9
                ? Arrays.copyOf(Files.readAllBytes(file), 20) // truncated
                : new byte[1])) {
      Files.write(file, garbage);
      VerificationMemo reopened = open();
      assertThat(reopened.verified(TYPE, SOURCE, HASH)).isFalse();
      reopened.remember(TYPE, SOURCE, HASH);
      reopened.flush();
      assertThat(open().verified(TYPE, SOURCE, HASH)).isTrue();
    }
  }

  @Test
  @DisplayName("a deleted memo file or directory only costs the verification again")
  void deleted() throws Exception {
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    Files.delete(dir().resolve("verified"));
    assertThat(open().verified(TYPE, SOURCE, HASH)).isFalse();

    memo.flush(); // nothing pending: nothing written
    VerificationMemo second = open();
    second.remember(TYPE, SOURCE, HASH);
    try (var files = Files.list(dir())) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir());
    second.flush(); // its directory is gone: not saved, no exception
    assertThat(open().verified(TYPE, SOURCE, HASH)).isFalse();
    assertThat(Files.isDirectory(dir())).isTrue();
  }

  @Test
  @DisplayName("a directory that cannot be used gives a memory-only memo, not a failure")
  void unusableDirectory() throws Exception {
    Files.createDirectories(dir().getParent());
    Files.writeString(dir(), "not a directory");
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    assertThat(memo.verified(TYPE, SOURCE, HASH)).isTrue();
    assertThat(Files.readString(dir())).isEqualTo("not a directory");
  }

  @Test
  @DisplayName("the directory is 0700 (tightened when looser), its files 0600")
  void modes() throws Exception {
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    assertThat(Files.getPosixFilePermissions(dir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (var files = Files.list(dir())) {
      List<Path> all = files.toList();
      assertThat(all)
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("key", "verified", "lock");
      for (Path p : all) {
        assertThat(Files.getPosixFilePermissions(p))
            .as(p.toString())
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      }
    }
    Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(open().verified(TYPE, SOURCE, HASH)).isTrue();
    assertThat(Files.getPosixFilePermissions(dir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  @DisplayName("the files hold nothing about any value: random key, and 32-byte MACs only")
  void revealsNothing() throws Exception {
    VerificationMemo memo = open();
    memo.remember(TYPE, SOURCE, HASH);
    memo.flush();
    byte[] file = Files.readAllBytes(dir().resolve("verified"));
    byte[] key = Files.readAllBytes(dir().resolve("key"));
    assertThat(file).hasSize(FileVerificationMemo.MAGIC.length + 32);
    assertThat(key).hasSize(32);
    List<byte[]> forms = new ArrayList<>();
    for (SecretValue v : List.of(SOURCE, HASH)) {
      byte[] utf8 = v.revealUtf8();
      forms.add(utf8);
      forms.add(Arrays.copyOf(utf8, 8)); // any 8-byte prefix
      forms.add(Base64.getEncoder().encode(utf8));
      forms.add(MessageDigest.getInstance("SHA-256").digest(utf8));
      forms.add(HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
    }
    for (byte[] content : List.of(file, key)) {
      for (byte[] form : forms) {
        assertThat(indexOf(content, form)).isEqualTo(-1);
      }
    }
    // The tag is not an unkeyed digest of the values.
    byte[] tag = Arrays.copyOfRange(file, FileVerificationMemo.MAGIC.length, file.length);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(SOURCE.revealUtf8());
    sha.update(HASH.revealUtf8());
    assertThat(tag).isNotEqualTo(sha.digest());
  }

  @Test
  @DisplayName("the file is bounded: the most recent entries are kept")
  void bounded() throws Exception {
    int n = FileVerificationMemo.MAX_ENTRIES + 10;
    VerificationMemo memo = open();
    for (int i = 0; i < n; i++) {
      memo.remember(TYPE, SecretValue.of("source-" + i), HASH);
    }
    memo.flush();
    assertThat(Files.size(dir().resolve("verified")))
        .isEqualTo(FileVerificationMemo.MAGIC.length + 32L * FileVerificationMemo.MAX_ENTRIES);
    VerificationMemo again = open();
    assertThat(again.verified(TYPE, SecretValue.of("source-" + (n - 1)), HASH)).isTrue();
  }

  @Test
  @DisplayName("concurrent runs sharing the directory lose nothing and leave a valid file")
  void concurrentWriters() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int round = 0; round < 5; round++) {
                  VerificationMemo memo = open();
                  memo.remember(TYPE, SecretValue.of("w" + id + "-r" + round), HASH);
                  memo.flush();
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    VerificationMemo memo = open();
    for (int w = 0; w < writers; w++) {
      for (int round = 0; round < 5; round++) {
        assertThat(memo.verified(TYPE, SecretValue.of("w" + w + "-r" + round), HASH)).isTrue();
      }
    }
    assertThat(Files.size(dir().resolve("verified")))
        .isEqualTo(FileVerificationMemo.MAGIC.length + 32L * writers * 5);
    try (var files = Files.list(dir())) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  @DisplayName("the in-memory memo remembers within one instance only; none remembers nothing")
  void inMemoryAndNone() {
    VerificationMemo memo = VerificationMemo.inMemory();
    memo.remember(TYPE, SOURCE, HASH);
    assertThat(memo.verified(TYPE, SOURCE, HASH)).isTrue();
    assertThat(VerificationMemo.inMemory().verified(TYPE, SOURCE, HASH)).isFalse();
    VerificationMemo none = VerificationMemo.none();
    none.remember(TYPE, SOURCE, HASH);
    assertThat(none.verified(TYPE, SOURCE, HASH)).isFalse();
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
