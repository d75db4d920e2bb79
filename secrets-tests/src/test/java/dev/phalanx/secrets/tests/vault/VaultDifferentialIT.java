package dev.phalanx.secrets.tests.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.tests.ChildRuns;
import dev.phalanx.secrets.tests.ChildRuns.Run;
import dev.phalanx.secrets.tests.phalanx.RequiresPhalanx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vault} commands side by side with the reference Phalanx named by {@code PHALANX_BIN}
 * (skipped with a visible message when it is unset), on the real tree against one OpenBao dev
 * server: one tool creates the credentials, the other's {@code vault audit} is clean, in both
 * directions; findings (extra policies, several write tokens, nothing created) are reported byte
 * for byte alike with the same exit code; {@code copy-secrets} prints the same lines and both
 * refuse a copy onto the environment's own path with exit 2.
 *
 * <p>Each tool runs as a child process with {@code VAULT_TOKEN} set to the root token and a fresh
 * {@code HOME}. Phalanx has no {@code --vault-url}, so the tree is copied and the environments'
 * {@code vaultUrl} pointed at the server.
 */
@ExtendWith(RequiresPhalanx.class)
@OpenBao
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("vault commands: ours beside the reference Phalanx (PHALANX_BIN)")
class VaultDifferentialIT {

  private static final String ENV = "idfdev";
  private static final String OTHER = "idfint";
  private static final String EXPORT = "minikube";

  private final OpenBaoServer server;
  private @TempDir Path dir;
  private String phalanx;
  private Path tree;

  VaultDifferentialIT(OpenBaoServer server) {
    this.server = server;
  }

  @BeforeAll
  void setUp(@TempDir Path scratch) throws IOException {
    phalanx = RequiresPhalanx.executable().orElseThrow().toString();
    Path shared = Path.of(System.getProperty("phalanx.shared.dir", "../../shared"));
    Path source = shared.resolve("phalanx-config");
    if (!Files.isDirectory(source.resolve("environments"))) {
      String message = "SKIPPED: the real Phalanx tree is not at " + source.toAbsolutePath();
      System.err.println(message);
      Assumptions.abort(message);
    }
    tree = scratch.resolve("tree");
    copyTree(source, tree);
    for (String env : List.of(ENV, OTHER, EXPORT)) {
      Path values = tree.resolve("environments/values-" + env + ".yaml");
      List<String> lines = new ArrayList<>(Files.readAllLines(values, StandardCharsets.UTF_8));
      lines.add(1, "vaultUrl: \"" + server.address() + "\"");
      Files.write(values, lines, StandardCharsets.UTF_8);
    }
    server.enableAuth("approle");
  }

  @Test
  @DisplayName("Phalanx creates the credentials, our vault audit is clean; and the other way round")
  void credentialsBothDirections() throws Exception {
    Run wt = phalanx("vault", "create-write-token", ENV);
    assertThat(wt.status()).as(wt.err()).isZero();
    Run ar = phalanx("vault", "create-read-approle", ENV, "--token-lifetime", "3600");
    assertThat(ar.status()).as(ar.err()).isZero();
    Run oursAudit = ours("vault", "audit", ENV);
    assertThat(oursAudit.status()).as(oursAudit.out() + oursAudit.err()).isZero();
    assertThat(oursAudit.out()).isEmpty();

    Run ourToken = ours("vault", "create-write-token", ENV);
    assertThat(ourToken.status()).as(ourToken.err()).isZero();
    Run ourRole = ours("vault", "create-read-approle", ENV, "--token-lifetime", "3600");
    assertThat(ourRole.status()).as(ourRole.err()).isZero();
    // The same YAML shape as Phalanx's (values differ: new token, new SecretID).
    assertThat(keys(ourToken.out())).isEqualTo(keys(wt.out()));
    assertThat(keys(ourRole.out())).isEqualTo(keys(ar.out()));
    assertThat(ourRole.out().replaceAll("secret_id(_accessor)?: .*", ""))
        .isEqualTo(ar.out().replaceAll("secret_id(_accessor)?: .*", ""));
    Run theirAudit = phalanx("vault", "audit", ENV);
    assertThat(theirAudit.status()).as(theirAudit.out() + theirAudit.err()).isZero();
    assertThat(theirAudit.out()).isEmpty();
    Run oursAgain = ours("vault", "audit", ENV);
    assertThat(oursAgain.status()).as(oursAgain.out() + oursAgain.err()).isZero();

    // Findings: an extra policy on the AppRole, a second write token with an extra policy.
    server.putPolicy("extra", "path \"secret/*\" {\n  capabilities = [\"read\"]\n}");
    server.call(
        "POST",
        "auth/approle/role/" + ENV,
        "{\"token_policies\":[\"phalanx/" + ENV + "/read\",\"extra\"]}");
    server.createToken(ENV, Duration.ofHours(100), "phalanx/" + ENV + "/write", "extra");
    Run theirs = phalanx("vault", "audit", ENV);
    Run mine = ours("vault", "audit", ENV);
    assertThat(theirs.status()).isEqualTo(1);
    assertThat(mine.status()).as(mine.err()).isEqualTo(theirs.status());
    assertThat(mine.out()).isEqualTo(theirs.out());
    assertThat(mine.out())
        .contains("Unexpected policy extra")
        .contains("Multiple write tokens found")
        .contains("Token will expire at");
  }

  @Test
  @DisplayName("an environment with no credentials: the same report and exit code")
  void emptyAudit() throws Exception {
    Run theirs = phalanx("vault", "audit", OTHER);
    Run mine = ours("vault", "audit", OTHER);
    assertThat(theirs.status()).as(theirs.err()).isEqualTo(1);
    assertThat(mine.status()).as(mine.err()).isEqualTo(1);
    assertThat(mine.out()).isEqualTo(theirs.out());
  }

  @Test
  @DisplayName("copy-secrets prints Phalanx's lines; both refuse the environment's own path")
  void copySecrets() throws Exception {
    try {
      copySecretsChecks();
    } finally {
      // leave the environment's path as it was: other Vault ITs of the run may share this server
      for (String app : List.of("a", "b")) {
        server.call("DELETE", "secret/metadata/phalanx/" + OTHER + "/" + app, null);
      }
    }
  }

  private void copySecretsChecks() throws Exception {
    for (String tool : List.of("phalanx", "ours")) {
      String old = "secret/data/old-" + tool + "/" + OTHER;
      server.call("POST", old + "/a", "{\"data\":{\"k\":\"1\"}}");
      server.call("POST", old + "/b", "{\"data\":{\"k\":\"2\"}}");
      server.call("POST", old + "/sub/c", "{\"data\":{\"k\":\"3\"}}");
    }
    Run theirs = phalanx("vault", "copy-secrets", OTHER, "secret/old-phalanx/" + OTHER);
    assertThat(theirs.status()).as(theirs.err()).isZero();
    for (String app : List.of("a", "b")) {
      server.call("DELETE", "secret/metadata/phalanx/" + OTHER + "/" + app, null);
    }
    Run mine = ours("vault", "copy-secrets", OTHER, "secret/old-ours/" + OTHER);
    assertThat(mine.status()).as(mine.err()).isZero();
    assertThat(mine.out())
        .isEqualTo(theirs.out().replace("old-phalanx/", "old-ours/"))
        .contains("Copied Vault secret for a\n")
        .contains("Skipping subdirectory sub/\n");

    Run theirSelf = phalanx("vault", "copy-secrets", OTHER, "secret/phalanx/" + OTHER);
    Run mySelf = ours("vault", "copy-secrets", OTHER, "secret/phalanx/" + OTHER);
    assertThat(theirSelf.status()).isEqualTo(2);
    assertThat(mySelf.status()).as(mySelf.err()).isEqualTo(2);
    assertThat(mySelf.out()).isEqualTo(theirSelf.out());
  }

  @Test
  @DisplayName("export-secrets: the same files, byte for byte, and nothing printed (ours: -v says)")
  void exportSecrets() throws Exception {
    String base = "secret/data/phalanx/" + EXPORT + "/";
    server.call("POST", base + "app-one", "{\"data\":{\"b\":\"2\",\"a\":\"\u00e9t\u00e9\"}}");
    server.call("POST", base + "app-two", "{\"data\":{\"k\":\"line\\nnext\",\"e\":\"\"}}");
    Path theirDir = dir.resolve("export-phalanx");
    Path myDir = dir.resolve("export-ours");
    // Phalanx needs the directory to exist (it crashes otherwise)
    Files.createDirectories(theirDir);
    Files.createDirectories(myDir);
    Run theirs = phalanx("vault", "export-secrets", EXPORT, theirDir.toString());
    Run mine = ours("vault", "export-secrets", EXPORT, myDir.toString());
    assertThat(theirs.status()).as(theirs.err()).isZero();
    assertThat(mine.status()).as(mine.err()).isZero();
    assertThat(theirs.out()).isEmpty();
    assertThat(mine.out()).isEqualTo(theirs.out());
    List<String> names = list(theirDir);
    assertThat(names).containsExactly("app-one.json", "app-two.json");
    assertThat(list(myDir)).isEqualTo(names);
    for (String name : names) {
      assertThat(Files.readAllBytes(myDir.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(theirDir.resolve(name)));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(myDir.resolve(name))))
          .isEqualTo("rw-------");
    }
    Path verboseDir = Files.createDirectories(dir.resolve("export-verbose"));
    Run verbose = ours("vault", "export-secrets", EXPORT, verboseDir.toString(), "-v");
    assertThat(verbose.status()).as(verbose.err()).isZero();
    assertThat(verbose.out()).isEqualTo("Exported 2 applications to " + verboseDir + ".\n");
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> keys(String yaml) {
    return yaml.lines().filter(l -> !l.startsWith("- ")).map(l -> l.split(":", 2)[0]).toList();
  }

  private Run phalanx(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(phalanx);
    command.addAll(List.of(args));
    return run(command);
  }

  private Run ours(String... args) throws Exception {
    return run(ChildRuns.ours(List.of(args)));
  }

  private Run run(List<String> command) throws Exception {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("--config", tree.toString()));
    return ChildRuns.run(full, dir, Map.of("VAULT_TOKEN", server.rootToken().reveal()));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
