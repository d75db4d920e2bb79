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
    assertThat(again.out()).isEqualTo("No changes.\n");

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
    String writeToken = token.out().strip();
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
    assertThat(role.out()).contains("VAULT_ROLE_ID=").contains("VAULT_SECRET_ID=");
    String roleId = line(role.out(), "VAULT_ROLE_ID=");
    String secretId = line(role.out(), "VAULT_SECRET_ID=");
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

    // A policy changed out of band: vault audit reports it with a diff and exits 1.
    server.putPolicy(
        "phalanx/example/read",
        "path \"secret/data/phalanx/example/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n");
    Child changed = child(dir, Map.of("VAULT_TOKEN", root), vault("audit"));
    assertThat(changed.status()).isEqualTo(1);
    assertThat(changed.out()).contains("phalanx/example/read").contains("-").contains("+");
    System.out.println("vault audit after an out-of-band policy change:\n" + changed.out());

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
    assertThat(report.at("/result/problems/0").asText()).contains("phalanx/example/read");
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow();
  }

  record Child(int status, String out, String err) {}

  /** Runs {@code Main} in a child JVM: no VAULT_/BAO_ variables, HOME a fresh directory. */
  private Child child(Path dir, Map<String, String> env, String... args) throws Exception {
    Path home = Files.createTempDirectory(dir, "home");
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
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
