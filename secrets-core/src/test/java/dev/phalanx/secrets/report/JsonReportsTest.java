package dev.phalanx.secrets.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.phalanx.secrets.MissingStaticSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testing.FakeGenerators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's JSON rendering: one envelope, valid against the published schema, deterministic,
 * and without secret values.
 */
class JsonReportsTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JsonReports.schema());
  static final String STATIC_VALUE = "s3cr3t-static-value";

  @TempDir Path dir;
  PhalanxEnvironment env;
  SecretsEngine engine;
  StaticSecrets statics;

  @BeforeEach
  void setUp() throws IOException {
    write("environments/values.yaml", "");
    write(
        "environments/values-dev.yaml",
        "name: dev\nvaultPathPrefix: secret/dev\napplications:\n  zeta: true\n  alpha: true\n");
    write("applications/alpha/Chart.yaml", "name: alpha\n");
    write(
        "applications/alpha/secrets.yaml",
        "password:\n  description: A password.\n  generate:\n    type: password\n"
            + "api-key:\n  description: From the static source.\n"
            + "copied:\n  description: A copy.\n  copy:\n    application: zeta\n    key: token\n");
    write("applications/zeta/Chart.yaml", "name: zeta\n");
    write(
        "applications/zeta/secrets.yaml",
        "token:\n  description: Literal.\n  value: not-secret\n"
            + "cert:\n  description: With options.\n  generate:\n    type: password\n");
    FakeGenerators generators = new FakeGenerators();
    env = PhalanxConfig.open(dir, generators).environment("dev");
    engine = SecretsEngine.builder().generators(generators).build();
    statics =
        StaticSecrets.builder()
            .value(
                new dev.phalanx.secrets.SecretRef("alpha", "api-key"), SecretValue.of(STATIC_VALUE))
            .build();
  }

  void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  SecretStore store() {
    return new FileSecretStoreProvider()
        .create(new StoreConfig(dir.resolve("store.json").toString(), Map.of(), Map.of(), null));
  }

  static JsonNode valid(String json) throws IOException {
    JsonNode node = MAPPER.readTree(json);
    Set<ValidationMessage> errors = SCHEMA.validate(node);
    assertThat(errors).as(json).isEmpty();
    assertThat(json).doesNotContain(STATIC_VALUE);
    return node;
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void everyReportHasTheEnvelopeInDeclaredOrderAndMatchesTheSchema() throws IOException {
    List<String> outputs = new ArrayList<>();
    try (SecretStore store = store()) {
      AuditReport before = engine.audit(env, statics, store, SyncOptions.defaults());
      outputs.add(JsonReports.audit("dev", before));
      SyncPlan plan = engine.plan(env, statics, store, SyncOptions.defaults());
      outputs.add(JsonReports.plan("dev", plan));
      outputs.add(JsonReports.syncDryRun("dev", plan));
      SyncResult result =
          engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      outputs.add(JsonReports.sync("dev", result));
      outputs.add(
          JsonReports.audit("dev", engine.audit(env, statics, store, SyncOptions.defaults())));
    }
    outputs.add(JsonReports.list("dev", env.secrets()));
    outputs.add(JsonReports.explain("dev", env.decisions(), s -> "somewhere"));
    outputs.add(JsonReports.export("dev", "/tmp/out", List.of("alpha", "zeta"), List.of("w")));
    outputs.add(JsonReports.credentialAudit("dev", List.of("read policy differs\n-a\n+b")));

    List<String> commands = new ArrayList<>();
    for (String json : outputs) {
      JsonNode node = valid(json);
      assertThat(fields(node))
          .containsExactly("schemaVersion", "command", "environment", "warnings", "result");
      assertThat(node.get("schemaVersion").asInt()).isEqualTo(JsonReports.SCHEMA_VERSION);
      assertThat(node.get("environment").asText()).isEqualTo("dev");
      commands.add(node.get("command").asText());
    }
    assertThat(commands)
        .containsExactly(
            "audit", "plan", "sync", "sync", "audit", "list", "explain", "export", "vault audit");
  }

  @Test
  void planAndSyncCarryOperationsWithChangesInDeclaredOrder() throws IOException {
    try (SecretStore store = store()) {
      SyncPlan plan = engine.plan(env, statics, store, SyncOptions.defaults());
      JsonNode dry = valid(JsonReports.syncDryRun("dev", plan)).get("result");
      assertThat(fields(dry)).containsExactly("dryRun", "changed", "rounds", "operations");
      assertThat(dry.get("dryRun").asBoolean()).isTrue();
      assertThat(dry.get("rounds").asInt()).isZero();
      JsonNode op = dry.get("operations").get(0);
      assertThat(fields(op)).containsExactly("operation", "application", "changes");
      assertThat(fields(op.get("changes").get(0))).containsExactly("key", "action", "reason");
      assertThat(op.get("operation").asText()).isEqualTo("create_application");

      JsonNode synced =
          valid(
                  JsonReports.sync(
                      "dev",
                      engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE)))
              .get("result");
      assertThat(synced.get("dryRun").asBoolean()).isFalse();
      assertThat(synced.get("rounds").asInt()).isEqualTo(1);
      // The dry run and the real run agree on what is done.
      assertThat(synced.get("operations")).isEqualTo(dry.get("operations"));
    }
  }

  @Test
  void renderingIsDeterministic() {
    try (SecretStore store = store()) {
      String first =
          JsonReports.plan("dev", engine.plan(env, statics, store, SyncOptions.defaults()));
      for (int i = 0; i < 5; i++) {
        assertThat(
                JsonReports.plan("dev", engine.plan(env, statics, store, SyncOptions.defaults())))
            .isEqualTo(first);
      }
      String list = JsonReports.list("dev", env.secrets());
      assertThat(JsonReports.list("dev", env.secrets())).isEqualTo(list);
    }
  }

  @Test
  void auditCarriesTheWarningsAndTheSortedEntries() throws IOException {
    try (SecretStore store = store()) {
      JsonNode audit =
          valid(
              JsonReports.audit("dev", engine.audit(env, statics, store, SyncOptions.defaults())));
      JsonNode missing = audit.at("/result/missing");
      List<String> refs = new ArrayList<>();
      missing.forEach(e -> refs.add(e.get("application").asText() + " " + e.get("key").asText()));
      assertThat(refs).isSorted().contains("alpha api-key", "zeta token");
      assertThat(audit.at("/result/clean").asBoolean()).isFalse();
    }
  }

  @Test
  void anAuditStoppedByASourceLackingItemsListsThemAndNoValue() throws IOException {
    MissingStaticSecretsException lacking =
        new MissingStaticSecretsException(
            "2 items missing",
            List.of(new Problem(null, "alpha/api-key", "no field api-key in item alpha")),
            List.of(
                new MissingStaticSecretsException.Missing("alpha", "api-key"),
                new MissingStaticSecretsException.Missing("zeta", null)));

    JsonNode audit = valid(JsonReports.auditMissingStatic("dev", lacking, List.of("w")));

    assertThat(audit.get("command").asText()).isEqualTo("audit");
    assertThat(audit.get("warnings").toString()).isEqualTo("[\"w\"]");
    assertThat(audit.at("/result/clean").asBoolean()).isFalse();
    assertThat(audit.at("/result/missing").size()).isZero();
    assertThat(audit.at("/result/missingFromSource").toString())
        .isEqualTo(
            "[{\"application\":\"alpha\",\"key\":\"api-key\"},"
                + "{\"application\":\"zeta\",\"key\":null}]");
    assertThat(audit.at("/result/problems/0").asText()).contains("alpha/api-key");
  }

  @Test
  void theSchemaRejectsAWrongShape() throws IOException {
    JsonNode node = MAPPER.readTree(JsonReports.credentialAudit("dev", List.of()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("result")).remove("clean");
    assertThat(SCHEMA.validate(node)).isNotEmpty();
    JsonNode other = MAPPER.readTree(JsonReports.list("dev", env.secrets()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) other).put("command", "audit");
    assertThat(SCHEMA.validate(other)).isNotEmpty();
  }

  @Test
  void fleetReportsMatchTheSchema() throws IOException {
    List<JsonReports.FleetRow> rows =
        List.of(
            new JsonReports.FleetRow(
                "a",
                "clean",
                Map.of("missing", 0, "mismatched", 0, "unknown", 0, "unresolved", 0),
                ""),
            new JsonReports.FleetRow("b", "error", Map.of(), "403 permission denied"));
    JsonNode audit = valid(JsonReports.fleet("audit --all", List.of("b: careful"), rows));
    assertThat(audit.get("environment").asText()).isEqualTo(JsonReports.EVERY_ENVIRONMENT);
    JsonNode first = audit.at("/result/environments/0");
    assertThat(fields(first))
        .containsExactly(
            "environment", "status", "missing", "mismatched", "unknown", "unresolved", "detail");
    JsonNode error = audit.at("/result/environments/1");
    assertThat(error.get("missing").isNull()).isTrue();
    assertThat(error.get("error").asText()).isEqualTo("403 permission denied");
    assertThat(fields(audit.at("/result/summary"))).containsExactly("clean", "drift", "error");
    assertThat(audit.at("/result/summary/error").asInt()).isEqualTo(1);
    JsonNode plan =
        valid(
            JsonReports.fleet(
                "plan --all",
                List.of(),
                List.of(
                    new JsonReports.FleetRow(
                        "a", "drift", Map.of("operations", 2, "changes", 5), "alpha beta"))));
    assertThat(fields(plan.at("/result/environments/0")))
        .containsExactly("environment", "status", "operations", "changes", "detail");

    // A plan row in an audit report, or an error without its reason, is not the shape.
    ((com.fasterxml.jackson.databind.node.ObjectNode) plan).put("command", "audit --all");
    assertThat(SCHEMA.validate(plan)).isNotEmpty();
    JsonNode noReason = MAPPER.readTree(JsonReports.fleet("audit --all", List.of(), rows));
    ((com.fasterxml.jackson.databind.node.ObjectNode) noReason.at("/result/environments/1"))
        .remove("error");
    assertThat(SCHEMA.validate(noReason)).isNotEmpty();
    assertThatThrownBy(() -> new JsonReports.FleetRow("a", "fine", Map.of(), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSchemaIsDraft202012WithItsId() throws IOException {
    JsonNode schema = MAPPER.readTree(JsonReports.schema());
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("$id").asText()).isEqualTo(JsonReports.SCHEMA_ID);
  }
}
