package dev.phalanx.secrets.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The one duration grammar")
class DurationsTest {

  @Test
  @DisplayName("ms, s, m, h, d and plain seconds")
  void forms() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("3650d")).isEqualTo(Duration.ofDays(3650));
    assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  @DisplayName("anything else is refused with the forms it takes")
  void refused() {
    for (String bad :
        new String[] {"-1s", "PT3S", "soon", "1.5s", "", "10 s", "1w", "9999999999999s"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "' is not a duration")
          .hasMessageContaining("ms, s, m, h or d");
    }
  }
}
