package dev.phalanx.secrets.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The typed, problem-collecting option reader")
class OptionReaderTest {

  enum Mode {
    FAST,
    VERY_SAFE
  }

  @Test
  @DisplayName("reads each type, with defaults when absent")
  void types() {
    OptionReader r =
        OptionReader.of(
            "x store",
            Map.of("name", " n ", "n", "7", "d", "5m", "mode", "very-safe", "flag", "FALSE"));
    assertThat(r.string("name")).isEqualTo("n");
    assertThat(r.string("absent", "def")).isEqualTo("def");
    assertThat(r.integer("n", 1, 1, 10)).isEqualTo(7);
    assertThat(r.duration("d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    assertThat(r.positiveDuration("t", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.choice("mode", Mode.class, Mode.FAST)).isEqualTo(Mode.VERY_SAFE);
    assertThat(r.bool("flag", true)).isFalse();
    assertThat(r.bool("other", true)).isTrue();
    r.check();
  }

  @Test
  @DisplayName("reports every problem at once, unknown options first")
  void allAtOnce() {
    OptionReader r =
        OptionReader.of(
            "x store",
            Map.of(
                "n", "11",
                "d", "soon",
                "t", "0",
                "mode", "slow",
                "flag", "yes",
                "name", " ",
                "zzz", "1",
                "aaa", "2"));
    r.integer("n", 1, 1, 10);
    r.duration("d", Duration.ZERO);
    r.positiveDuration("t", Duration.ofSeconds(1));
    r.choice("mode", Mode.class, Mode.FAST);
    r.bool("flag", true);
    r.string("name");
    r.problem("location", "is wrong");
    assertThatThrownBy(r::check)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(Problem::toString)
                  .containsExactly(
                      "option aaa: unknown x store option; known: [d, flag, mode, n, name, t]",
                      "option zzz: unknown x store option; known: [d, flag, mode, n, name, t]",
                      "option n: '11' is not a whole number from 1 to 10",
                      "option d: 'soon' is not a duration; write " + Durations.FORMS,
                      "option t: must be more than zero",
                      "option mode: 'slow' is not one of [fast, very-safe]",
                      "option flag: 'yes' is not true or false",
                      "option name: must not be empty",
                      "location: is wrong");
            });
  }

  @Test
  @DisplayName("a provider without options says so")
  void noOptions() {
    assertThatThrownBy(() -> OptionReader.of("file source", Map.of("missing", "warn")).check())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("the file source takes no options; got [missing]");
    OptionReader.of("file source", Map.of()).check();
  }

  @Test
  @DisplayName("options read elsewhere can be declared known")
  void known() {
    OptionReader.of("x store", Map.of("auth", "token")).known("auth").check();
  }
}
