package dev.phalanx.secrets.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.spi.OptionReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The one set of HTTP option names")
class HttpSettingsTest {

  private static final HttpSettings DEFAULTS =
      new HttpSettings(
          Duration.ofSeconds(3),
          Duration.ofSeconds(4),
          new RetryPolicy(
              2,
              Duration.ofMillis(50),
              Duration.ofSeconds(1),
              Duration.ofSeconds(9),
              Duration.ZERO));

  @Test
  @DisplayName("reads every option under its one name")
  void names() {
    OptionReader r =
        OptionReader.of(
            "test store",
            Map.of(
                "connect-timeout", "1s",
                "request-timeout", "2s",
                "retry-max-attempts", "7",
                "retry-initial-backoff", "5ms",
                "retry-max-backoff", "1m",
                "retry-max-total", "1h",
                "retry-after-max", "90"));
    HttpSettings s = HttpSettings.read(r, DEFAULTS);
    r.check();
    assertThat(s)
        .isEqualTo(
            new HttpSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                new RetryPolicy(
                    7,
                    Duration.ofMillis(5),
                    Duration.ofMinutes(1),
                    Duration.ofHours(1),
                    Duration.ofSeconds(90))));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  @DisplayName("old names are accepted for one release, with a deprecation warning")
  void deprecated() {
    OptionReader r =
        OptionReader.of(
            "test store",
            Map.of("retry-attempts", "5", "retry-initial-delay", "1ms", "retry-max-delay", "4ms"));
    HttpSettings s = HttpSettings.read(r, DEFAULTS);
    r.check();
    assertThat(s.retry().maxAttempts()).isEqualTo(5);
    assertThat(s.retry().initialBackoff()).isEqualTo(Duration.ofMillis(1));
    assertThat(s.retry().maxBackoff()).isEqualTo(Duration.ofMillis(4));
    assertThat(r.warnings())
        .containsExactly(
            "option retry-attempts of the test store is deprecated and will be removed in the next release; use retry-max-attempts",
            "option retry-initial-delay of the test store is deprecated and will be removed in the next release; use retry-initial-backoff",
            "option retry-max-delay of the test store is deprecated and will be removed in the next release; use retry-max-backoff");
  }

  @Test
  @DisplayName("old and new name together, and bad values, are all reported at once")
  void problems() {
    OptionReader r =
        OptionReader.of(
            "test store",
            Map.of(
                "retry-attempts", "5",
                "retry-max-attempts", "6",
                "connect-timeout", "0s",
                "request-timeout", "PT3S",
                "retry-max-total", "-1s"));
    HttpSettings.read(r, DEFAULTS);
    assertThatThrownBy(r::check)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::subject)
                    .containsExactlyInAnyOrder(
                        "option retry-attempts",
                        "option connect-timeout",
                        "option request-timeout",
                        "option retry-max-total"));
  }
}
