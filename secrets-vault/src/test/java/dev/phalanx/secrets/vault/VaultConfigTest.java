package dev.phalanx.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Vault store configuration")
class VaultConfigTest {

  private static final Path NO_HOME = Path.of("/nonexistent");

  private static StoreConfig env(
      String location, Map<String, String> options, Map<String, SecretValue> creds) {
    return new StoreConfig(
        location,
        options,
        creds,
        TestStores.environment("dev", "https://vault.example.com", "secret/phalanx/dev"));
  }

  @Test
  @DisplayName("URL and prefix come from the environment; VAULT_ADDR is ignored")
  void fromEnvironment() {
    VaultConfig c =
        VaultConfig.from(
            env("", Map.of(), Map.of("vault-token", SecretValue.of("t"))),
            Map.of("VAULT_ADDR", "https://elsewhere.example")::get,
            NO_HOME);
    assertThat(c.client().address().toString()).isEqualTo("https://vault.example.com");
    assertThat(c.paths().prefix()).isEqualTo("secret/phalanx/dev");
    assertThat(c.concurrency()).isEqualTo(16);
    assertThat(c.authentication().method()).isEqualTo("token");
  }

  @Test
  @DisplayName("vault-url option and location override the environment")
  void overrides() {
    VaultConfig c =
        VaultConfig.from(
            env(
                "kv/other/path",
                Map.of("vault-url", "http://127.0.0.1:8200", "concurrency", "4"),
                Map.of("vault-token", SecretValue.of("t"))),
            k -> null,
            NO_HOME);
    assertThat(c.client().address().toString()).isEqualTo("http://127.0.0.1:8200");
    assertThat(c.paths().mount()).isEqualTo("kv");
    assertThat(c.paths().path()).isEqualTo("other/path");
    assertThat(c.paths().prefix()).isEqualTo("kv/other/path");
    assertThat(c.concurrency()).isEqualTo(4);
  }

  @Test
  @DisplayName("every problem is reported at once")
  void allProblems() {
    StoreConfig bad =
        new StoreConfig(
            "nomount",
            Map.of("concurrency", "0", "request-timeout", "soon", "bogus", "x"),
            Map.of(),
            null);
    assertThatThrownBy(() -> VaultConfig.from(bad, k -> null, NO_HOME))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("option bogus: unknown Vault store option")
        .hasMessageContaining("no Vault URL")
        .hasMessageContaining("must be <mount>/<path>")
        .hasMessageContaining("concurrency")
        .hasMessageContaining("request-timeout")
        .hasMessageContaining("no Vault token");
  }

  @Test
  @DisplayName(
      "token sources: credential vault-token, VAULT_TOKEN, vault-write-token, ~/.vault-token")
  void tokenPriority(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve(".vault-token"), "from-file\n");
    Map<String, SecretValue> both =
        Map.of(
            "vault-token",
            SecretValue.of("explicit"),
            "vault-write-token",
            SecretValue.of("static"));
    assertThat(login(both, Map.of("VAULT_TOKEN", "env"), home)).isEqualTo("explicit");
    assertThat(
            login(
                Map.of("vault-write-token", SecretValue.of("static")),
                Map.of("VAULT_TOKEN", "env"),
                home))
        .isEqualTo("env");
    assertThat(login(Map.of("vault-write-token", SecretValue.of("static")), Map.of(), home))
        .isEqualTo("static");
    assertThat(login(Map.of(), Map.of(), home)).isEqualTo("from-file");
    assertThatThrownBy(() -> login(Map.of(), Map.of(), NO_HOME))
        .hasMessageContaining("no Vault token")
        .hasMessageContaining("VAULT_TOKEN");
  }

  private static String login(Map<String, SecretValue> creds, Map<String, String> env, Path home) {
    VaultConfig c = VaultConfig.from(env("", Map.of(), creds), env::get, home);
    return AuthenticationAccess.token(c.authentication());
  }

  @Test
  @DisplayName("AppRole takes VAULT_ROLE_ID and VAULT_SECRET_ID; toString shows no secret")
  void appRole() {
    VaultConfig c =
        VaultConfig.from(
            env("", Map.of("auth", "approle"), Map.of()),
            Map.of("VAULT_ROLE_ID", "rid", "VAULT_SECRET_ID", "sid-secret")::get,
            NO_HOME);
    assertThat(c.authentication().method()).isEqualTo("approle");
    assertThat(c.toString()).doesNotContain("sid-secret");
    assertThatThrownBy(
            () ->
                VaultConfig.from(env("", Map.of("auth", "approle"), Map.of()), k -> null, NO_HOME))
        .hasMessageContaining("VAULT_ROLE_ID")
        .hasMessageContaining("VAULT_SECRET_ID");
  }

  @Test
  @DisplayName("CA bundle from ca-cert, else VAULT_CACERT")
  void caBundle() {
    VaultConfig c =
        VaultConfig.from(
            env("", Map.of(), Map.of("vault-token", SecretValue.of("t"))),
            Map.of("VAULT_CACERT", "/etc/ca.pem")::get,
            NO_HOME);
    assertThat(c.client().caCertificates()).isEqualTo(Path.of("/etc/ca.pem"));
  }

  @Test
  @DisplayName("HTTP options use the shared names and grammar; old names still work")
  void sharedHttpOptions() {
    Map<String, SecretValue> token = Map.of("vault-token", SecretValue.of("t"));
    VaultConfig c =
        VaultConfig.from(
            env(
                "",
                Map.of(
                    "retry-max-attempts", "7",
                    "retry-initial-backoff", "5ms",
                    "retry-max-backoff", "2",
                    "retry-after-max", "1m",
                    "request-timeout", "1h"),
                token),
            k -> null,
            NO_HOME);
    assertThat(c.client().http().retry().maxAttempts()).isEqualTo(7);
    assertThat(c.client().http().retry().initialBackoff()).hasMillis(5);
    assertThat(c.client().http().retry().maxBackoff()).hasSeconds(2);
    assertThat(c.client().http().retry().retryAfterMax()).hasMinutes(1);
    assertThat(c.client().http().requestTimeout()).hasHours(1);
    VaultConfig old =
        VaultConfig.from(
            env("", Map.of("retry-attempts", "5", "retry-max-delay", "4ms"), token),
            k -> null,
            NO_HOME);
    assertThat(old.client().http().retry().maxAttempts()).isEqualTo(5);
    assertThat(old.client().http().retry().maxBackoff()).hasMillis(4);
    assertThatThrownBy(
            () ->
                VaultConfig.from(
                    env("", Map.of("token-renewal", "maybe", "connect-timeout", "PT1S"), token),
                    k -> null,
                    NO_HOME))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("option token-renewal: 'maybe' is not true or false")
        .hasMessageContaining("option connect-timeout: 'PT1S' is not a duration");
  }

  @Test
  @DisplayName("~/.vault-token is looked for in $HOME, not the JVM's user.home")
  void homeFromEnvironment() {
    assertThat(VaultConnection.userHome(Map.of("HOME", "/home/someone")::get))
        .isEqualTo(Path.of("/home/someone"));
    assertThat(VaultConnection.userHome(k -> null))
        .isEqualTo(Path.of(System.getProperty("user.home")));
  }
}
