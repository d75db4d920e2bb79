package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("File store permissions")
class FileStorePermissionsTest {

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system");
  }

  static SecretStore open(Path file) {
    return new FileSecretStoreProvider().create(StoreConfig.of(file.toString()));
  }

  static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  @DisplayName("the store file and its lock file are created 0600")
  void createdOwnerOnly() throws Exception {
    Path file = dir.resolve("sub/store.json");
    SecretStore store = open(file);
    store.write("app", Map.of("k", SecretValue.of("v")), new WriteCondition.CreateOnly());

    assertEquals("rw-------", perms(file));
    assertEquals("rw-------", perms(file.resolveSibling("store.json.lock")));
    assertEquals(List.of(), store.warnings());
    store.write("app", Map.of("k", SecretValue.of("w")), new WriteCondition.IfVersion(1));
    assertEquals("rw-------", perms(file), "still 0600 after a replacement");
  }

  @Test
  @DisplayName("a store file readable by others is reported in warnings, audit and sync")
  void widerPermissionsWarn() throws Exception {
    Path file = dir.resolve("store.json");
    open(file).write("app", Map.of("k", SecretValue.of("v")), new WriteCondition.CreateOnly());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SecretStore store = open(file);

    assertEquals(1, store.warnings().size(), store.warnings().toString());
    String warning = store.warnings().get(0);
    assertTrue(warning.contains("readable by others"), warning);
    assertTrue(warning.contains("chmod 600"), warning);
    PhalanxEnvironment env = Fixtures.environment(Fixtures.fastExampleTree(dir), Fixtures.ENV);
    SecretsEngine engine = SecretsEngine.builder().generators(Fixtures.PROVIDERS).build();
    var statics = Fixtures.fetch(env, Fixtures.exampleSource().build());
    assertEquals(
        List.of(warning), engine.audit(env, statics, store, SyncOptions.defaults()).warnings());
    assertEquals(
        List.of(warning),
        engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE).warnings());
  }
}
