package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.phalanx.secrets.report.JsonReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format json} (issue 14 §4): every reporting command prints the library's one envelope,
 * valid against the published schema, byte-identical between runs, with the warnings.
 */
class JsonOutputTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JsonReports.schema());

  static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Parses a report and checks it against the schema and the envelope's member order. */
  static JsonNode valid(String out) throws Exception {
    JsonNode node = JSON.readTree(out);
    Set<ValidationMessage> errors = SCHEMA.validate(node);
    assertThat(errors).as(out).isEmpty();
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly("schemaVersion", "command", "environment", "warnings", "result");
    return node;
  }

  static String config() {
    return Cli.examples().resolve("phalanx").toString();
  }

  static String[] common(Path store) {
    return new String[] {
      "--config",
      config(),
      "--secrets",
      Cli.examples().resolve("static-secrets.yaml").toString(),
      "--store",
      "file:" + store
    };
  }

  static Cli json(String[] command, String[] common) {
    return Cli.run(concat(concat(command, common), "--format", "json"));
  }

  @Test
  void everyReportingCommandPrintsTheEnvelope(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("store.json");
    String[] common = common(store);

    Cli audit = json(new String[] {"audit", "example"}, common);
    assertThat(audit.status()).isEqualTo(1);
    JsonNode a = valid(audit.out());
    assertThat(a.path("command").asText()).isEqualTo("audit");
    assertThat(a.path("environment").asText()).isEqualTo("example");
    assertThat(a.at("/result/clean").asBoolean()).isFalse();

    Cli plan = json(new String[] {"plan", "example"}, common);
    assertThat(plan.status()).as(plan.err()).isZero();
    JsonNode p = valid(plan.out());
    assertThat(p.path("command").asText()).isEqualTo("plan");
    assertThat(p.at("/result/changed").asBoolean()).isTrue();

    Cli dry = json(new String[] {"sync", "example", "--dry-run"}, common);
    assertThat(dry.status()).isZero();
    JsonNode d = valid(dry.out());
    assertThat(d.path("command").asText()).isEqualTo("sync");
    assertThat(d.at("/result/dryRun").asBoolean()).isTrue();
    assertThat(d.at("/result/operations")).isEqualTo(p.at("/result/operations"));
    assertThat(Files.exists(store)).isFalse();

    Cli sync = json(new String[] {"sync", "example"}, common);
    assertThat(sync.status()).as(sync.err()).isZero();
    JsonNode s = valid(sync.out());
    assertThat(s.at("/result/dryRun").asBoolean()).isFalse();
    assertThat(s.at("/result/rounds").asInt()).isEqualTo(1);
    assertThat(s.at("/result/operations")).isEqualTo(d.at("/result/operations"));

    Cli clean = json(new String[] {"audit", "example"}, common);
    assertThat(clean.status()).isZero();
    assertThat(valid(clean.out()).at("/result/clean").asBoolean()).isTrue();

    Path exported = dir.resolve("export");
    Cli export = json(new String[] {"export", "example", exported.toString()}, common);
    assertThat(export.status()).as(export.err()).isZero();
    JsonNode e = valid(export.out());
    assertThat(e.path("command").asText()).isEqualTo("export");
    assertThat(e.at("/result/applications")).hasSize(7);
    assertThat(export.out()).doesNotContain("example-dex-client-secret");

    Cli list = Cli.run("list", "example", "--config", config(), "--format", "json");
    assertThat(valid(list.out()).at("/result/secrets")).hasSize(25);

    Cli explain = Cli.run("explain", "example", "argocd", "--config", config(), "--format", "json");
    assertThat(explain.status()).as(explain.err()).isZero();
    JsonNode x = valid(explain.out());
    assertThat(x.path("command").asText()).isEqualTo("explain");
    assertThat(x.at("/result/decisions/0/application").asText()).isEqualTo("argocd");
  }

  @Test
  void membersComeInDeclaredOrderAndRunsAgree(@TempDir Path dir) throws Exception {
    // Issue 14 §4: six runs of plan gave four key orders (hash order of the change maps, which
    // differs between JVMs); the order is now declared, and checked member by member.
    String[] common = common(dir.resolve("store.json"));
    String first = json(new String[] {"plan", "example"}, common).out();
    assertThat(json(new String[] {"plan", "example"}, common).out()).isEqualTo(first);
    JsonNode plan = valid(first);
    assertThat(plan.at("/result/operations")).isNotEmpty();
    for (JsonNode op : plan.at("/result/operations")) {
      assertThat(names(op)).containsExactly("operation", "application", "changes");
      for (JsonNode change : op.path("changes")) {
        assertThat(names(change)).containsExactly("key", "action", "reason");
      }
    }
    assertThat(names(plan.path("result"))).containsExactly("changed", "operations");
  }

  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void planAndSyncCarryTheWarnings(@TempDir Path dir) throws Exception {
    // A static-secrets file naming an application the environment does not have warns.
    Path statics = dir.resolve("statics.yaml");
    Files.writeString(
        statics,
        Files.readString(Cli.examples().resolve("static-secrets.yaml"))
            .replace(
                "applications:\n", "applications:\n  no-such-app:\n    key:\n      value: x\n"));
    String[] common = {
      "--config", config(), "--secrets", statics.toString(), "--store", "file:" + dir.resolve("s")
    };
    for (String[] command :
        List.of(
            new String[] {"plan", "example"},
            new String[] {"sync", "example", "--dry-run"},
            new String[] {"sync", "example"},
            new String[] {"audit", "example"})) {
      Cli cli = json(command, common);
      assertThat(cli.err()).as(String.join(" ", command)).contains("no-such-app");
      JsonNode node = valid(cli.out());
      assertThat(node.path("warnings").toString())
          .as(String.join(" ", command))
          .contains("no-such-app");
    }
  }

  @Test
  void fleetReportsAreTheEnvelope(@TempDir Path dir) throws Exception {
    // Issue 14 §4 leftover: audit --all and plan --all printed a shape of their own.
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(
        secrets.resolve("example.yaml"),
        Files.readString(Cli.examples().resolve("static-secrets.yaml"))
            .replace(
                "applications:\n", "applications:\n  no-such-app:\n    key:\n      value: x\n"));
    String[] common = {
      "--config",
      config(),
      "--secrets-dir",
      secrets.toString(),
      "--store",
      "file:" + dir.resolve("store.json"),
      "--format",
      "json"
    };
    for (String command : List.of("audit", "plan")) {
      Cli cli = Cli.run(concat(new String[] {command, "--all"}, common));
      // example drifts (nothing stored yet); minimal, without a static file, is an error row.
      assertThat(cli.status()).as(cli.out() + cli.err()).isEqualTo(2);
      JsonNode node = valid(cli.out());
      assertThat(node.path("command").asText()).isEqualTo(command + " --all");
      assertThat(node.path("environment").asText()).isEqualTo(JsonReports.EVERY_ENVIRONMENT);
      assertThat(node.path("warnings").toString()).contains("example: ").contains("no-such-app");
      JsonNode rows = node.at("/result/environments");
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).path("environment").asText()).isEqualTo("example");
      assertThat(rows.get(0).path("status").asText()).isEqualTo("drift");
      assertThat(names(rows.get(0)))
          .startsWith("environment", "status")
          .containsAll(JsonReports.fleetColumns(command + " --all"));
      assertThat(rows.get(1).path("status").asText()).isEqualTo("error");
      assertThat(rows.get(1).path("error").asText()).isNotEmpty();
      assertThat(node.at("/result/summary/drift").asInt()).isEqualTo(1);
      assertThat(node.at("/result/summary/error").asInt()).isEqualTo(1);
      assertThat(Cli.run(concat(new String[] {command, "--all"}, common)).out())
          .isEqualTo(cli.out());
    }
  }
}
