package dev.phalanx.secrets.tests.phalanx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.tests.ChildRuns;
import dev.phalanx.secrets.tests.ChildRuns.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --format json} when 1Password lacks an item and a field: the one audit envelope with
 * {@code missingFromSource}, valid against the published schema, exit 1, no value, and Vault never
 * contacted. (The text form is compared with Phalanx by {@link OnePasswordDifferentialIT}.)
 */
@DisplayName("audit --format json with secrets missing from 1Password")
class MissingFromOnePasswordJsonTest {

  private static final String ENV = "idfdemo";

  @Test
  void envelopeWithMissingFromSource(@TempDir Path dir) throws Exception {
    Path source =
        Path.of(System.getProperty("phalanx.shared.dir", "../../shared"))
            .resolve("phalanx-config")
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(source.resolve("applications"))) {
      String message = "SKIPPED: the real Phalanx tree is not at " + source;
      System.err.println(message);
      Assumptions.abort(message);
    }
    FakeConnect connect = new FakeConnect();
    try {
      Path tree = connect.treeFor(source, ENV, dir.resolve("tree"));
      var env = PhalanxConfig.open(tree, Providers.load()).environment(ENV);
      List<StaticSecret> statics =
          env.secrets().stream()
              .filter(StaticSecret.class::isInstance)
              .map(StaticSecret.class::cast)
              .toList();
      String missingApp = statics.get(0).ref().application();
      SecretRef missingField =
          statics.stream()
              .map(StaticSecret::ref)
              .filter(r -> !r.application().equals(missingApp))
              .findFirst()
              .orElseThrow();
      connect.stub(
          statics,
          env.settings().onePassword().orElseThrow().vaultTitle(),
          Set.of(missingApp),
          Set.of(missingField),
          false);

      Run run =
          ChildRuns.run(
              ChildRuns.ours(
                  List.of("audit", ENV, "--config", tree.toString(), "--format", "json")),
              dir,
              Map.of("OP_CONNECT_TOKEN", "json-test-connect-token"));
      String out = run.out();
      String err = run.err();

      assertThat(run.status()).as(err).isEqualTo(1);
      JsonNode json = new ObjectMapper().readTree(out);
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(JsonReports.schema());
      assertThat(schema.validate(json)).isEmpty();
      assertThat(json.get("command").asText()).isEqualTo("audit");
      assertThat(json.at("/result/clean").asBoolean(true)).isFalse();
      assertThat(json.at("/result/missingFromSource").toString())
          .contains("{\"application\":\"" + missingApp + "\",\"key\":null}")
          .contains(
              "{\"application\":\""
                  + missingField.application()
                  + "\",\"key\":\""
                  + missingField.key()
                  + "\"}");
      assertThat(out + err).doesNotContain("value of ");
    } finally {
      connect.server().stop();
    }
  }
}
