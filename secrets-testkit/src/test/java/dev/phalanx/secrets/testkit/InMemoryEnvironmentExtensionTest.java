package dev.phalanx.secrets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("InMemoryEnvironmentExtension")
class InMemoryEnvironmentExtensionTest {

  @RegisterExtension
  final InMemoryEnvironmentExtension env =
      InMemoryEnvironmentExtension.builder()
          .tree(
              t ->
                  t.environment(
                          "dev", "fqdn: dev.example.com\nvaultPathPrefix: secret/phalanx/dev\n")
                      .application("mobu", "webhook:\n  description: Slack web hook.\n")
                      .file("applications/mobu/values.yaml", "enabled: true\n"))
          .source(s -> s.value("mobu", "webhook", "https://hooks.invalid/x"))
          .build();

  @Test
  @DisplayName("injects a fresh empty store, the source and a tree that core can open")
  void injects(InMemorySecretStore store, InMemorySecretSource source, PhalanxTree tree) {
    assertThat(store.snapshot()).isEmpty();
    assertThat(Files.isRegularFile(tree.root().resolve("applications/mobu/Chart.yaml"))).isTrue();
    PhalanxConfig config = tree.open(Providers.load());
    assertThat(config.environmentNames()).containsExactly("dev");
    assertThat(config.settings("dev").enabledApplications()).containsExactly("mobu");
    var request =
        SecretsEngine.staticSecretsRequest(config.environment("dev"), config.generators());
    assertThat(source.fetch(request).value(SecretRef.of("mobu", "webhook"))).isPresent();
    store.write("x", Map.of(), new WriteCondition.CreateOnly());
  }

  @Test
  @DisplayName("gives each test its own store, reachable as a memory: URI")
  void freshPerTest(InMemorySecretStore store) {
    assertThat(store.snapshot()).as("nothing left from other tests").isEmpty();
    String uri = env.storeUri();
    SecretStore viaProvider =
        Providers.load()
            .stores()
            .get("memory")
            .create(StoreConfig.of(uri.substring("memory:".length())));
    assertThat(viaProvider).isSameAs(store);
  }
}
