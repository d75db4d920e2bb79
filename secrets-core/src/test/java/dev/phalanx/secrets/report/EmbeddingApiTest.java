package dev.phalanx.secrets.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ProviderNotFoundException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.BackendUri;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testing.FakeGenerators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 §6: the conveniences an embedding program uses. */
class EmbeddingApiTest {

  @TempDir Path dir;

  @Test
  void parsesBackendUrisAsTheCommandLineDoes() {
    assertThat(BackendUri.parse("file:/x.json")).isEqualTo(new BackendUri("file", "/x.json"));
    assertThat(BackendUri.parse("vault:")).isEqualTo(new BackendUri("vault", ""));
    assertThat(BackendUri.parse("file:C:/a:b").location()).isEqualTo("C:/a:b");
    assertThat(BackendUri.parse("onepassword:").toString()).isEqualTo("onepassword:");
    for (String bad : List.of("", "secrets.json", ":x")) {
      assertThatThrownBy(() -> BackendUri.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("must look like TYPE:LOCATION")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void buildsStoreAndSourceConfigs() {
    StoreConfig store =
        StoreConfig.builder("/s.json")
            .option("concurrency", "4")
            .credential("vault-token", SecretValue.of("t0ken-value"))
            .build();
    assertThat(store.location()).isEqualTo("/s.json");
    assertThat(store.option("concurrency")).contains("4");
    assertThat(store.credential("vault-token")).isPresent();
    assertThat(store.environmentSettings()).isEmpty();
    assertThat(store.toString()).doesNotContain("t0ken-value");
    SourceConfig source = SourceConfig.builder("").option("a", "b").build();
    assertThat(source.option("a")).contains("b");
    assertThat(source.interactive()).isEmpty();
  }

  @Test
  void anUnknownBackendTypeNamesTheAvailableOnes() {
    assertThatThrownBy(
            () ->
                BackendUri.parse("nope:x").openStore(Providers.load(), (EnvironmentSettings) null))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("file");
  }

  @Test
  void syncsWithTheShortOverloadsAndALambdaListener() throws Exception {
    write("environments/values.yaml", "");
    write("environments/values-dev.yaml", "name: dev\napplications:\n  app: true\n");
    write("applications/app/Chart.yaml", "name: app\n");
    write(
        "applications/app/secrets.yaml",
        "token:\n  description: T.\n  generate:\n    type: password\n"
            + "api:\n  description: A static secret.\n");
    FakeGenerators generators = new FakeGenerators();
    PhalanxEnvironment env = PhalanxConfig.open(dir, generators).environment("dev");
    SecretsEngine engine = SecretsEngine.builder().generators(generators).build();
    StaticSecrets statics =
        StaticSecrets.builder().value(new SecretRef("app", "api"), SecretValue.of("v")).build();
    Providers providers = Providers.load();
    try (SecretStore store =
        BackendUri.parse("file:" + dir.resolve("store.json"))
            .openStore(providers, env.settings())) {
      assertThat(engine.audit(env, statics, store).isClean()).isFalse();
      assertThat(engine.plan(env, statics, store).operations()).hasSize(1);
      List<String> seen = new ArrayList<>();
      SyncListener listener =
          SyncListener.onApplied(
              (PlannedOperation op, int done, int total) ->
                  seen.add(done + "/" + total + " " + op.application()));
      SyncResult first = engine.sync(env, statics, store, SyncOptions.defaults(), listener);
      assertThat(first.changed()).isTrue();
      assertThat(seen).containsExactly("1/1 app");
      assertThat(engine.sync(env, statics, store).changed()).isFalse();
      assertThat(engine.sync(env, null, store, SyncOptions.defaults()).changed()).isFalse();
      assertThat(engine.audit(env, null, store).isClean()).isTrue();
    }
  }

  @Test
  void providersTypesAreTheGeneratorTypes() {
    Providers providers = Providers.builder().build();
    assertThat(providers.types()).doesNotContain("file");
    assertThat(providers.stores().types()).contains("file");
  }

  void write(String relative, String text) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
