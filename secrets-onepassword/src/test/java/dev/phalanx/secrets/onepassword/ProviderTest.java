package dev.phalanx.secrets.onepassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SourceConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The onepassword provider")
class ProviderTest {

  private static final Map<String, SecretValue> TOKEN =
      Map.of("connect-token", SecretValue.of(FakeConnect.TOKEN));

  @Test
  @DisplayName("is found through ServiceLoader under type onepassword")
  void discovered() {
    assertThat(Providers.load().sources().get("onepassword"))
        .isInstanceOf(OnePasswordSourceProvider.class);
  }

  @Test
  @DisplayName("needs a Connect token and says to set OP_CONNECT_TOKEN")
  void token() {
    assertThatThrownBy(() -> new OnePasswordSourceProvider().create(SourceConfig.of("")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no Connect token: set OP_CONNECT_TOKEN");
    assertThatThrownBy(
            () ->
                new OnePasswordSourceProvider()
                    .create(
                        new SourceConfig(
                            "", Map.of(), Map.of("connect-token", SecretValue.of(" ")), null)))
        .hasMessageContaining("OP_CONNECT_TOKEN");
  }

  @Test
  @DisplayName("reports every bad option at once")
  void options() {
    Map<String, String> bad =
        Map.of(
            "layout", "flat",
            "concurrency", "0",
            "request-timeout", "soon",
            "connect-timeout", "0s",
            "missing", "ignore",
            "vault-titel", "x");
    assertThatThrownBy(
            () ->
                new OnePasswordSourceProvider()
                    .create(new SourceConfig("somewhere", bad, TOKEN, null)))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::subject)
                    .containsExactlyInAnyOrder(
                        "option vault-titel",
                        "option layout",
                        "option missing",
                        "option concurrency",
                        "option request-timeout",
                        "option connect-timeout",
                        "location"));
  }

  @Test
  @DisplayName("reads durations in the one grammar and describes itself without the token")
  void durations() {
    // The grammar itself is tested in core (DurationsTest); ISO-8601 (PT3S) is no longer taken.
    OnePasswordOptions o =
        OnePasswordOptions.parse(
            new SourceConfig(
                "",
                Map.of(
                    "request-timeout", "250ms",
                    "connect-timeout", "10",
                    "retry-max-total", "2m",
                    "retry-after-max", "1h"),
                TOKEN,
                null));
    assertThat(o.http().requestTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.http().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.http().retry().maxTotal()).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.http().retry().retryAfterMax()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(
            () ->
                OnePasswordOptions.parse(
                    new SourceConfig("", Map.of("request-timeout", "-1s"), TOKEN, null)))
        .hasMessageContaining("option request-timeout: '-1s' is not a duration");
    try (SecretSource s =
        new OnePasswordSourceProvider()
            .create(
                new SourceConfig(
                    "",
                    Map.of("connect-url", "https://op.example/", "layout", "legacy"),
                    TOKEN,
                    null))) {
      assertThat(s.describe())
          .isEqualTo("1Password Connect at https://op.example/ (legacy shared vault)");
      assertThat(s.toString()).doesNotContain(FakeConnect.TOKEN);
    }
  }

  @Test
  @DisplayName("takes the shared option names, and the old Vault-style names with a warning")
  void sharedNames() {
    OnePasswordOptions o =
        OnePasswordOptions.parse(
            new SourceConfig(
                "",
                Map.of(
                    "retry-attempts", "2", "retry-initial-delay", "1ms", "retry-max-delay", "2ms"),
                TOKEN,
                null));
    assertThat(o.http().retry().maxAttempts()).isEqualTo(2);
    assertThat(o.http().retry().initialBackoff()).isEqualTo(Duration.ofMillis(1));
    assertThat(o.http().retry().maxBackoff()).isEqualTo(Duration.ofMillis(2));
    assertThatThrownBy(
            () ->
                OnePasswordOptions.parse(
                    new SourceConfig(
                        "", Map.of("retry-attempts", "2", "retry-max-attempts", "3"), TOKEN, null)))
        .hasMessageContaining(
            "option retry-attempts: is the deprecated name of retry-max-attempts");
  }
}
