package dev.phalanx.secrets.onepassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.Providers;
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
  @DisplayName("parses durations and describes itself without the token")
  void durations() {
    assertThat(OnePasswordOptions.parseDuration("250ms")).contains(Duration.ofMillis(250));
    assertThat(OnePasswordOptions.parseDuration("10s")).contains(Duration.ofSeconds(10));
    assertThat(OnePasswordOptions.parseDuration("2m")).contains(Duration.ofMinutes(2));
    assertThat(OnePasswordOptions.parseDuration("PT3S")).contains(Duration.ofSeconds(3));
    assertThat(OnePasswordOptions.parseDuration("-1s")).isEmpty();
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
  @DisplayName("parses Retry-After as seconds or an HTTP date")
  void retryAfter() {
    assertThat(RetryingTransport.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
    assertThat(RetryingTransport.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .contains(Duration.ZERO);
    assertThat(RetryingTransport.parseRetryAfter("later")).isEmpty();
  }
}
