package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's guarantees around local files: export, dry runs, read-only reads, shapes. */
@DisplayName("Local file safety of the command line")
class FileSafetyCliTest {

  @TempDir Path dir;

  private static String config() {
    return Cli.examples().resolve("phalanx").toString();
  }

  private static String staticFile() {
    return Cli.examples().resolve("static-secrets.yaml").toString();
  }

  private static String[] args(String command, String... more) {
    List<String> all = new ArrayList<>(List.of(command, "example", "--config", config()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static List<String> listing(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  @DisplayName("export of an environment that configures 1Password reads a file store without it")
  void exportNeedsNoStaticSource() throws Exception {
    Assumptions.assumeTrue(
        System.getenv("OP_CONNECT_TOKEN") == null, "the test proves it without OP_CONNECT_TOKEN");
    Path store = dir.resolve("store.json");
    try (SecretStore s = new FileSecretStoreProvider().create(StoreConfig.of(store.toString()))) {
      s.write(
          "argocd",
          Map.of(
              "admin.password", SecretValue.of("h\u00e9"), "dex.clientSecret", SecretValue.of("")),
          new WriteCondition.CreateOnly());
    }
    Path out = dir.resolve("new/out");
    Cli cli =
        Cli.run(
            "export",
            "minikube",
            out.toString(),
            "--config",
            Cli.realTree().toString(),
            "--store",
            "file:" + store);
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(cli.err()).doesNotContain("Connect");
    assertThat(listing(out)).containsExactly("argocd.json");
    assertThat(Files.readString(out.resolve("argocd.json"), StandardCharsets.US_ASCII))
        .isEqualTo("{\n  \"admin.password\": \"h\\u00e9\",\n  \"dex.clientSecret\": null\n}");
    assertThat(perms(out)).isEqualTo("rwx------");
    assertThat(perms(dir.resolve("new"))).isEqualTo("rwx------");
    assertThat(perms(out.resolve("argocd.json"))).isEqualTo("rw-------");
  }

  @Test
  @DisplayName("export of a store holding nothing of the environment is an error, nothing created")
  void exportOfNothingIsAnError() {
    Path store = dir.resolve("typo/store.json");
    Path out = dir.resolve("out");
    Cli cli = Cli.run(args("export", out.toString(), "--store", "file:" + store));
    assertThat(cli.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(cli.err()).contains("holds no secrets of environment example; nothing exported");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("typo")).doesNotExist();
  }

  @Test
  @DisplayName("sync --dry-run writes nothing: no store directory, no lock file")
  void dryRunWritesNothing() {
    Path store = dir.resolve("sub/store.json");
    Cli cli =
        Cli.run(args("sync", "--secrets", staticFile(), "--store", "file:" + store, "--dry-run"));
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(dir.resolve("sub")).doesNotExist();
  }

  @Test
  @DisplayName("audit, plan and export of a store create no lock file (reading needs no write)")
  void readsCreateNoLock() throws Exception {
    Path storeDir = Files.createDirectories(dir.resolve("store"));
    Path store = storeDir.resolve("store.json");
    String[] common = {"--secrets", staticFile(), "--store", "file:" + store};
    Cli sync = Cli.run(args("sync", common));
    assertThat(sync.status()).as(sync.err()).isZero();
    Files.delete(storeDir.resolve("store.json.lock"));
    String before = Files.readString(store);

    assertThat(Cli.run(args("audit", common)).status()).isZero();
    assertThat(Cli.run(args("plan", common)).status()).isZero();
    Cli export = Cli.run(args("export", dir.resolve("out").toString(), "--store", "file:" + store));
    assertThat(export.status()).as(export.err()).isZero();

    assertThat(listing(storeDir)).containsExactly("store.json");
    assertThat(Files.readString(store)).isEqualTo(before);
  }

  @Test
  @DisplayName("a store of the wrong shape: error with file and JSON path, no value, not rewritten")
  void wrongShapeStore() throws Exception {
    Path store = dir.resolve("store.json");
    String content =
        "{\"format\": \"phalanx-secrets-file-store/1\", \"applications\": {\"argocd\":"
            + " {\"version\": 1, \"data\": {\"admin.password\": {\"v\": \"Hunter2-SECRET\"}}}}}";
    Files.writeString(store, content);
    Cli cli = Cli.run(args("sync", "--secrets", staticFile(), "--store", "file:" + store));
    assertThat(cli.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(cli.err())
        .contains(store.toString())
        .contains("$.applications.argocd.data.admin.password: expected a string, found an object")
        .doesNotContain("Hunter2")
        .doesNotContain("\tat ");
    assertThat(Files.readString(store)).isEqualTo(content);
  }

  @Test
  @DisplayName("static-template -o writes through the owner-only writer: 0600, link followed")
  void staticTemplateOutput() throws Exception {
    Path real = dir.resolve("real.yaml");
    Files.writeString(real, "old");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(dir.resolve("out.yaml"), real);
    Cli cli = Cli.run("static-template", "example", "--config", config(), "-o", link.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isNotEqualTo("old");
    assertThat(perms(real)).isEqualTo("rw-------");
  }
}
