package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end against a real OpenBao dev server with the example tree: sync, audit,
 * plan, export in-process (token from the static file's {@code vault-write-token}); the {@code
 * vault} subcommands, which take their administrative token only from {@code VAULT_TOKEN} or {@code
 * ~/.vault-token}, and the sync with the issued write token run as child JVMs with a controlled
 * environment (no {@code VAULT_*}, {@code HOME} a fresh directory).
 */
@OpenBao
class VaultCliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenBaoServer server;

  VaultCliIT(OpenBaoServer server) {
    this.server = server;
  }

  private static String config() {
    return Cli.examples().resolve("phalanx").toString();
  }

  private Path staticFile(Path dir, String name, String token, String webhook) throws IOException {
    String text =
        Files.readString(Cli.examples().resolve("static-secrets.yaml"), StandardCharsets.UTF_8)
            .replace("vault-write-token: null", "vault-write-token: " + token)
            .replace("https://hooks.slack.invalid/services/EXAMPLE", webhook);
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private String[] args(String command, Path secrets, String... more) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.add("example");
    all.addAll(
        List.of(
            "--config",
            config(),
            "--secrets",
            secrets.toString(),
            "--vault-url",
            server.address().toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private String[] vault(String subcommand) {
    return new String[] {
      "vault",
      subcommand,
      "example",
      "--config",
      config(),
      "--vault-url",
      server.address().toString()
    };
  }

  @Test
  void syncAuditPlanExportAndCredentials(@TempDir Path dir) throws Exception {
    String root = server.rootToken().reveal();
    Path secrets = staticFile(dir, "statics.yaml", root, "https://hooks.slack.invalid/one");

    Cli sync = Cli.run(args("sync", secrets));
    assertThat(sync.status()).as(sync.err()).isZero();
    assertThat(sync.out()).contains("mobu").doesNotContain("No changes.");

    Cli audit = Cli.run(args("audit", secrets));
    assertThat(audit.status()).as(audit.err()).isZero();
    assertThat(audit.out()).isEmpty();

    Cli again = Cli.run(args("sync", secrets));
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.out()).isEmpty();

    Cli plan = Cli.run(args("plan", secrets, "--format", "json"));
    assertThat(plan.status()).as(plan.err()).isZero();
    JsonNode planJson = JSON.readTree(plan.out());
    assertThat(planJson.path("result").path("operations").isArray()).as(plan.out()).isTrue();
    assertThat(planJson.path("result").path("operations")).isEmpty();

    Path exported = dir.resolve("export");
    Cli export = Cli.run(args("export", secrets, exported.toString()));
    assertThat(export.status()).as(export.err()).isZero();
    List<Path> files;
    try (Stream<Path> list = Files.list(exported)) {
      files = list.sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("argocd.json", "gafaelfawr.json", "mobu.json", "pull-secret.json");
    for (Path f : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .as(f.toString())
          .isEqualTo("rw-------");
    }
    assertThat(
            JSON.readTree(exported.resolve("mobu.json").toFile())
                .path("app-alert-webhook")
                .asText())
        .isEqualTo("https://hooks.slack.invalid/one");

    // vault create-write-token with the root token from VAULT_TOKEN (child JVM).
    Child token = child(dir, Map.of("VAULT_TOKEN", root), vault("create-write-token"));
    assertThat(token.status()).as(token.err()).isZero();
    // Phalanx's YAML: accessor, display_name, expires, policies, token.
    assertThat(token.out())
        .startsWith("accessor: ")
        .contains("\ndisplay_name: token-example\n")
        .contains("\npolicies:\n- default\n- phalanx/example/write\n")
        .containsPattern("\nexpires: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    String writeToken = line(token.out(), "token: ");
    assertThat(writeToken).isNotEmpty().doesNotContain("\n");
    assertThat(token.err()).contains("created write token");

    // sync with that token only: no VAULT_TOKEN, empty HOME, token in the static file.
    Path withWriteToken =
        staticFile(dir, "statics-write.yaml", writeToken, "https://hooks.slack.invalid/two");
    Child writeSync = child(dir, Map.of(), args("sync", withWriteToken));
    assertThat(writeSync.status()).as(writeSync.err()).isZero();
    assertThat(writeSync.out()).contains("mobu");
    Child writeAudit = child(dir, Map.of(), args("audit", withWriteToken));
    assertThat(writeAudit.status()).as(writeAudit.err()).isZero();
    assertThat(writeAudit.out()).isEmpty();
    // and the root token is no longer what the static file holds: a sync without any token fails.
    Path noToken = staticFile(dir, "statics-none.yaml", "null", "https://hooks.slack.invalid/two");
    Child none = child(dir, Map.of(), args("sync", noToken));
    assertThat(none.status()).isNotZero();
    assertThat(none.err()).contains("no Vault token");

    // vault create-read-approle (AppRole auth enabled first).
    server.enableAuth("approle");
    Child role = child(dir, Map.of("VAULT_TOKEN", root), vault("create-read-approle"));
    assertThat(role.status()).as(role.err()).isZero();
    assertThat(role.out())
        .startsWith("policies:\n- phalanx/example/read\nrole_id: ")
        .endsWith("token_max_ttl: 0\ntoken_ttl: 0\n");
    String roleId = line(role.out(), "role_id: ");
    String secretId = line(role.out(), "secret_id: ");
    OpenBaoServer.Response login =
        server.call(
            "POST",
            "auth/approle/login",
            "{\"role_id\":"
                + OpenBaoServer.jsonString(roleId)
                + ",\"secret_id\":"
                + OpenBaoServer.jsonString(secretId)
                + "}");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("phalanx/example/read");

    Child vaultAudit = child(dir, Map.of("VAULT_TOKEN", root), vault("audit"));
    assertThat(vaultAudit.status()).as(vaultAudit.out() + vaultAudit.err()).isZero();
    assertThat(vaultAudit.out()).isEmpty();

    // A policy changed out of band: Phalanx's line, exit 1; the diff only with --verbose.
    server.putPolicy(
        "phalanx/example/read",
        "path \"secret/data/phalanx/example/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n");
    Child changed = child(dir, Map.of("VAULT_TOKEN", root), vault("audit"));
    assertThat(changed.status()).isEqualTo(1);
    assertThat(changed.out())
        .isEqualTo(
            "Problems with read AppRole (example):\n"
                + "• Policy phalanx/example/read doesn't have expected contents\n");

    // The same in the one JSON envelope, valid against the published schema.
    Child changedJson =
        child(
            dir,
            Map.of("VAULT_TOKEN", root),
            JsonOutputTest.concat(vault("audit"), "--format", "json"));
    assertThat(changedJson.status()).isEqualTo(1);
    JsonNode report = JsonOutputTest.valid(changedJson.out());
    assertThat(report.path("command").asText()).isEqualTo("vault audit");
    assertThat(report.at("/result/clean").asBoolean()).isFalse();
    assertThat(report.path("result").toString()).contains("phalanx/example/read");
    Child verbose = child(dir, Map.of("VAULT_TOKEN", root), with(vault("audit"), "--verbose"));
    assertThat(verbose.status()).isEqualTo(1);
    assertThat(verbose.out())
        .startsWith(changed.out())
        .contains("--- expected phalanx/example/read")
        .contains("+++ actual phalanx/example/read");
    System.out.println(
        "vault audit --verbose after an out-of-band policy change:\n" + verbose.out());

    // An AppRole given an extra policy is a finding (it was passed silently before).
    Child role2 = child(dir, Map.of("VAULT_TOKEN", root), vault("create-read-approle"));
    assertThat(role2.status()).as(role2.err()).isZero();
    server.putPolicy("extra", "path \"secret/*\" {\n  capabilities = [\"read\"]\n}");
    OpenBaoServer.Response extra =
        server.call(
            "POST",
            "auth/approle/role/example",
            "{\"token_policies\":[\"phalanx/example/read\",\"extra\"]}");
    assertThat(extra.status()).isBetween(200, 204);
    Child unexpected = child(dir, Map.of("VAULT_TOKEN", root), vault("audit"));
    assertThat(unexpected.status()).isEqualTo(1);
    assertThat(unexpected.out())
        .isEqualTo("Problems with read AppRole (example):\n• Unexpected policy extra\n");
  }

  @Test
  @DisplayName("with VAULT_TOKEN unset, ~/.vault-token comes from $HOME and stderr says so")
  void vaultTokenFileFromHome(@TempDir Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("real-home"));
    Files.writeString(home.resolve(".vault-token"), server.rootToken().reveal() + "\n");
    Path jvmHome = Files.createDirectories(dir.resolve("jvm-home")); // no token there
    Child audit = child(dir, Map.of("HOME", home.toString()), jvmHome, vault("audit"));
    assertThat(audit.err()).doesNotContain("no Vault token");
    // 0 or 1 depending on what other tests of this class created; never an error (2)
    assertThat(audit.status()).as(audit.err()).isBetween(0, 1);
    assertThat(audit.err())
        .containsOnlyOnce(
            "Using the Vault token from the file "
                + home.resolve(".vault-token")
                + " (VAULT_TOKEN is not set).");
    assertThat(audit.err()).doesNotContain(server.rootToken().reveal());
  }

  @Test
  @DisplayName("copy-secrets: refuses its own path (exit 2) and overwriting without --overwrite")
  void copySecrets(@TempDir Path dir) throws Exception {
    String root = server.rootToken().reveal();
    server.call("POST", "secret/data/old/example/a", "{\"data\":{\"k\":\"1\"}}");
    server.call("POST", "secret/data/old/example/b", "{\"data\":{\"k\":\"2\"}}");
    server.call("POST", "secret/data/old/example/sub/c", "{\"data\":{\"k\":\"3\"}}");
    server.call("POST", "secret/data/phalanx/example/a", "{\"data\":{\"k\":\"mine\"}}");
    try {
      copySecretsChecks(dir, root);
    } finally {
      // the other tests of this class sync the example environment at this path
      server.call("DELETE", "secret/metadata/phalanx/example/a", null);
      server.call("DELETE", "secret/metadata/phalanx/example/b", null);
    }
  }

  private void copySecretsChecks(Path dir, String root) throws Exception {

    Child self =
        child(
            dir,
            Map.of("VAULT_TOKEN", root),
            with(vault("copy-secrets"), "secret/phalanx/example"));
    assertThat(self.status()).isEqualTo(2);
    assertThat(self.err()).contains("onto themselves");

    Child refused =
        child(dir, Map.of("VAULT_TOKEN", root), with(vault("copy-secrets"), "secret/old/example"));
    assertThat(refused.status()).as(refused.err()).isNotZero();
    assertThat(refused.err())
        .contains("refusing to overwrite 1 application(s)")
        .contains("--overwrite");
    assertThat(refused.out()).isEmpty();
    OpenBaoServer.Response kept = server.call("GET", "secret/data/phalanx/example/a", null);
    assertThat(kept.body()).contains("mine");

    Child copied =
        child(
            dir,
            Map.of("VAULT_TOKEN", root),
            with(vault("copy-secrets"), "secret/old/example", "--overwrite"));
    assertThat(copied.status()).as(copied.err()).isZero();
    assertThat(copied.out())
        .isEqualTo(
            "Copying secrets from old/example to phalanx/example\n"
                + "Copied Vault secret for a\n"
                + "Copied Vault secret for b\n"
                + "Skipping subdirectory sub/\n");
    assertThat(copied.err()).contains("overwrote a at secret/phalanx/example (its version 1");
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .map(v -> v.startsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'") : v)
        .findFirst()
        .orElseThrow();
  }

  record Child(int status, String out, String err) {}

  /** Runs {@code Main} in a child JVM: no VAULT_/BAO_ variables, HOME a fresh directory. */
  private Child child(Path dir, Map<String, String> env, String... args) throws Exception {
    return child(dir, env, null, args);
  }

  /** As above; {@code userHome}, when given, is the JVM's user.home, apart from HOME. */
  private Child child(Path dir, Map<String, String> env, Path userHome, String... args)
      throws Exception {
    Path home = Files.createTempDirectory(dir, "home");
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + (userHome != null ? userHome : home));
    command.add("-cp");
    command.add(classpath);
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("VAULT_") || k.startsWith("BAO_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    File out = dir.resolve(home.getFileName() + ".out").toFile();
    File err = dir.resolve(home.getFileName() + ".err").toFile();
    builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child CLI did not finish: " + List.of(args));
    }
    return new Child(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
