package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --all} and {@code plan --all} against one real OpenBao dev server ({@code
 * --vault-url} for every environment), with the real tree: some environments synced first (clean),
 * the others empty (drift), one with a token that may not read (error: no access), one whose static
 * file leaves values out (error: unresolvable), and a server that does not answer (every row an
 * error). No environment's failure stops the others.
 */
@OpenBao
class FleetCliIT {

  private static final List<String> SEEDED = List.of("idfdev", "minikube");
  private static final String NO_ACCESS = "summit";
  private static final String UNRESOLVABLE = "idfint";

  private final OpenBaoServer server;

  @TempDir static Path cache;

  FleetCliIT(OpenBaoServer server) {
    this.server = server;
  }

  @BeforeAll
  static void memoInTemp() {
    System.setProperty("phalanx.secrets.cache-dir", cache.resolve("memo").toString());
  }

  @AfterAll
  static void memoBack() {
    System.clearProperty("phalanx.secrets.cache-dir");
  }

  /** A static file for an environment: every value filled (or left out), with this token. */
  static Path staticFile(Path tree, String env, Path dir, String token, boolean fill)
      throws Exception {
    Cli template = Cli.run("static-template", env, "--config", tree.toString());
    assertThat(template.status()).as(template.err()).isZero();
    String text = template.out();
    if (fill) {
      AtomicInteger n = new AtomicInteger();
      StringBuilder filled = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        filled
            .append(
                line.endsWith("value: null")
                    ? line.replace(
                        "value: null", "value: v" + env.hashCode() + "x" + n.incrementAndGet())
                    : line)
            .append('\n');
      }
      text = filled.toString();
    }
    text = text.replace("vault-write-token: null", "vault-write-token: " + token);
    if (!text.contains("vault-write-token:")) {
      text = text + "vault-write-token: " + token + "\n";
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(env + ".yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * A copy of the real tree whose one bcrypt hash (argocd's admin password) has cost 4 instead of
   * the default 15: this test is about the fleet, not bcrypt, and each cost-15 hash (one per
   * environment synced or planned) took about 4 s of CPU, most of the test's 9.5 minutes under
   * load. Everything else is the real tree.
   */
  static Path cheapHashes(Path real, Path copy) throws Exception {
    try (var files = Files.walk(real)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(real.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path argocd = copy.resolve("applications/argocd/secrets.yaml");
    String rule = "    type: bcrypt-password-hash\n    source: admin.plaintext_password\n";
    String text = Files.readString(argocd, StandardCharsets.UTF_8);
    assertThat(text).contains(rule);
    Files.writeString(argocd, text.replace(rule, rule + "    cost: 4\n"), StandardCharsets.UTF_8);
    return copy;
  }

  @Test
  void realTreeEveryEnvironmentOneRowFailuresStayInTheirRow(@TempDir Path dir) throws Exception {
    Path tree = cheapHashes(Cli.realTree(), dir.resolve("tree"));
    String root = server.rootToken().reveal();
    Path secrets = dir.resolve("secrets");
    List<String> envs =
        Files.list(tree.resolve("environments"))
            .map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("values-") && n.endsWith(".yaml"))
            .map(n -> n.substring("values-".length(), n.length() - ".yaml".length()))
            .sorted()
            .toList();
    assertThat(envs).hasSize(24);
    for (String env : envs) {
      String token = env.equals(NO_ACCESS) ? "not-a-token" : root;
      staticFile(tree, env, secrets, token, !env.equals(UNRESOLVABLE));
    }
    for (String env : SEEDED) {
      Cli sync =
          Cli.run(
              "sync",
              env,
              "--config",
              tree.toString(),
              "--secrets",
              secrets.resolve(env + ".yaml").toString(),
              "--vault-url",
              server.address().toString());
      assertThat(sync.status()).as(env + ": " + sync.err()).isZero();
    }

    Cli audit =
        Cli.run(
            "audit",
            "--all",
            "--config",
            tree.toString(),
            "--secrets-dir",
            secrets.toString(),
            "--vault-url",
            server.address().toString(),
            "--format",
            "json");
    assertThat(audit.status()).as(audit.out() + audit.err()).isEqualTo(2);
    JsonNode json = JsonOutputTest.valid(audit.out());
    assertThat(json.path("command").asText()).isEqualTo("audit --all");
    Map<String, JsonNode> rows = new HashMap<>();
    json.at("/result/environments").forEach(r -> rows.put(r.path("environment").asText(), r));
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(envs);
    for (String env : SEEDED) {
      assertThat(rows.get(env).path("status").asText())
          .as(rows.get(env).toString())
          .isEqualTo("clean");
      assertThat(rows.get(env).path("missing").asInt()).isZero();
    }
    JsonNode denied = rows.get(NO_ACCESS);
    assertThat(denied.path("status").asText()).isEqualTo("error");
    assertThat(denied.path("error").asText()).as(denied.toString()).containsIgnoringCase("403");
    assertThat(denied.path("error").asText()).doesNotContain("not-a-token");
    JsonNode unresolvable = rows.get(UNRESOLVABLE);
    assertThat(unresolvable.path("status").asText()).as(unresolvable.toString()).isEqualTo("error");
    assertThat(unresolvable.path("unresolved").asInt()).isPositive();
    JsonNode empty = rows.get("usdf-cm");
    assertThat(empty.path("status").asText()).as(empty.toString()).isEqualTo("drift");
    assertThat(empty.path("missing").asInt()).isPositive();
    assertThat(json.at("/result/summary").path("clean").asInt()).isEqualTo(SEEDED.size());
    assertThat(
            json.at("/result/summary").path("clean").asInt()
                + json.at("/result/summary").path("drift").asInt()
                + json.at("/result/summary").path("error").asInt())
        .isEqualTo(24);

    Cli text =
        Cli.run(
            "audit",
            "--all",
            "--config",
            tree.toString(),
            "--secrets-dir",
            secrets.toString(),
            "--vault-url",
            server.address().toString());
    assertThat(text.status()).isEqualTo(2);
    assertThat(text.out()).startsWith("ENVIRONMENT").contains("24 environments: 2 clean");
    assertThat(text.out().lines().filter(l -> l.startsWith("idfdev ")).findFirst().orElseThrow())
        .contains("clean");

    Cli plan =
        Cli.run(
            "plan",
            "--all",
            "--config",
            tree.toString(),
            "--secrets-dir",
            secrets.toString(),
            "--vault-url",
            server.address().toString(),
            "--format",
            "json");
    assertThat(plan.status()).as(plan.out() + plan.err()).isEqualTo(2);
    JsonNode planJson = JsonOutputTest.valid(plan.out());
    Map<String, JsonNode> planRows = new HashMap<>();
    planJson
        .at("/result/environments")
        .forEach(r -> planRows.put(r.path("environment").asText(), r));
    assertThat(planRows).hasSize(24);
    assertThat(planRows.get("idfdev").path("status").asText()).isEqualTo("clean");
    assertThat(planRows.get("idfdev").path("operations").asInt()).isZero();
    assertThat(planRows.get("usdf-cm").path("status").asText()).isEqualTo("drift");
    assertThat(planRows.get("usdf-cm").path("operations").asInt()).isPositive();
    assertThat(planRows.get(UNRESOLVABLE).path("status").asText()).isEqualTo("error");
    assertThat(planRows.get(NO_ACCESS).path("status").asText()).isEqualTo("error");

    Cli unreachable =
        Cli.run(
            "plan",
            "--all",
            "--config",
            tree.toString(),
            "--secrets-dir",
            secrets.toString(),
            "--vault-url",
            "http://127.0.0.1:9",
            "--jobs",
            "24",
            "--format",
            "json");
    assertThat(unreachable.status()).isEqualTo(2);
    JsonNode down = JsonOutputTest.valid(unreachable.out());
    assertThat(down.at("/result/environments")).hasSize(24);
    down.at("/result/environments")
        .forEach(r -> assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("error"));
  }

  @Test
  void exampleTreeExitZeroWhenAllCleanOneWhenSomeDrift(@TempDir Path dir) throws Exception {
    Path tree = Cli.examples().resolve("phalanx");
    String root = server.rootToken().reveal();
    Path secrets = dir.resolve("secrets");
    Path example =
        Files.copy(
            Cli.examples().resolve("static-secrets.yaml"),
            Files.createDirectories(secrets).resolve("example.yaml"));
    Files.writeString(
        example,
        Files.readString(example).replace("vault-write-token: null", "vault-write-token: " + root));
    staticFile(tree, "minimal", secrets, root, true);
    String[] fleet = {
      "audit",
      "--all",
      "--config",
      tree.toString(),
      "--secrets-dir",
      secrets.toString(),
      "--vault-url",
      server.address().toString()
    };
    Cli before = Cli.run(fleet);
    assertThat(before.status()).as(before.out() + before.err()).isEqualTo(1);
    assertThat(before.out()).contains("2 environments: 0 clean, 2 drift, 0 error");
    for (String env : List.of("example", "minimal")) {
      Cli sync =
          Cli.run(
              "sync",
              env,
              "--config",
              tree.toString(),
              "--secrets",
              secrets.resolve(env + ".yaml").toString(),
              "--vault-url",
              server.address().toString());
      assertThat(sync.status()).as(env + ": " + sync.err()).isZero();
    }
    Cli after = Cli.run(fleet);
    assertThat(after.status()).as(after.out() + after.err()).isZero();
    assertThat(after.out()).contains("2 environments: 2 clean, 0 drift, 0 error");

    Cli both = Cli.run("audit", "example", "--all", "--config", tree.toString());
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("either an environment or --all");
    Cli none = Cli.run("plan", "--config", tree.toString());
    assertThat(none.status()).isEqualTo(2);
  }
}
