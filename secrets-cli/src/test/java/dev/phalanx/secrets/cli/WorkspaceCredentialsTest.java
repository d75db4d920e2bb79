package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 11 item 8: each backend gets only the credentials it declared. */
class WorkspaceCredentialsTest {

  /** A third-party store that records what it was given. */
  static final class Capturing implements SecretStoreProvider {
    final String type;
    final Set<String> declared;
    final List<StoreConfig> seen = new ArrayList<>();

    Capturing(String type, Set<String> declared) {
      this.type = type;
      this.declared = declared;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Set<String> credentials() {
      return declared;
    }

    @Override
    public SecretStore create(StoreConfig config) {
      seen.add(config);
      return InMemorySecretStore.create();
    }
  }

  private static final SecretValue WRITE_TOKEN = SecretValue.of("hvs.CANARY-write-token");

  private static StoreConfig open(Capturing provider) {
    Providers providers = Providers.builder().discover(false).store(provider).build();
    EngineOptions opts = new EngineOptions();
    opts.config = new ConfigOptions();
    opts.config.config = Cli.examples().resolve("phalanx");
    opts.store = provider.type() + ":somewhere";
    PhalanxEnvironment env = opts.config.open(Providers.load()).environment("example");
    StaticSecrets statics = StaticSecrets.builder().vaultWriteToken(WRITE_TOKEN).build();
    try (SecretStore store = Workspace.openStore(providers, env, opts, statics)) {
      assertThat(store).isNotNull();
    }
    assertThat(provider.seen).hasSize(1);
    return provider.seen.get(0);
  }

  @Test
  @DisplayName("a store that declares no credentials never receives the static Vault write token")
  void undeclaredStoreGetsNothing() {
    StoreConfig config = open(new Capturing("thirdparty", Set.of()));
    assertThat(config.credentials()).isEmpty();
  }

  @Test
  @DisplayName("a store that declares vault-write-token receives it")
  void declaredStoreGetsIt() {
    StoreConfig config = open(new Capturing("vaultlike", Set.of("vault-write-token")));
    assertThat(config.credentials()).containsOnlyKeys("vault-write-token");
    assertThat(config.credential("vault-write-token")).contains(WRITE_TOKEN);
  }

  @Test
  @DisplayName("only declared names pass: the Connect token reaches only sources that take it")
  void declaredFilter() {
    Map<String, SecretValue> available =
        Map.of("connect-token", SecretValue.of("c"), "vault-write-token", SecretValue.of("w"));
    assertThat(Workspace.declared(available, Set.of())).isEmpty();
    assertThat(Workspace.declared(available, Set.of("connect-token")))
        .containsOnlyKeys("connect-token");
    assertThat(Providers.load().sources().get("onepassword").credentials())
        .containsExactly("connect-token");
    assertThat(Providers.load().sources().get("file").credentials()).isEmpty();
    assertThat(Providers.load().stores().get("file").credentials()).isEmpty();
    assertThat(Providers.load().stores().get("vault").credentials()).contains("vault-write-token");
  }
}
