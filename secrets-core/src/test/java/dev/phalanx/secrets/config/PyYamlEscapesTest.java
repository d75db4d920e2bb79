package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code onepassword-secrets} and {@code static-template} escape non-ASCII characters as PyYAML
 * does, with upper-case hex digits. The expected text is what PyYAML 6 prints for {@code
 * yaml.dump(data, width=70)} of the same mapping (found with the reference Phalanx's Python).
 */
@DisplayName("PyYAML's numeric escapes")
class PyYamlEscapesTest {

  private static String snakeYaml(Map<String, Object> data) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(70);
    options.setAllowUnicode(false);
    return new Yaml(options).dump(data);
  }

  @Test
  @DisplayName("hex digits upper case inside double quotes; literal backslashes untouched")
  void upperCase() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("a", "C:\\x41 caf\u00e9");
    data.put("b", "snow \u2603 \uD83D\uDE00");
    data.put("c", "plain C:\\x41");
    data.put("k\u00e9y", "nbsp\u00a0x");
    String python =
        "a: \"C:\\\\x41 caf\\xE9\"\n"
            + "b: \"snow \\u2603 \\U0001F600\"\n"
            + "c: plain C:\\x41\n"
            + "\"k\\xE9y\": \"nbsp\\_x\"\n";
    assertThat(snakeYaml(data)).isNotEqualTo(python); // SnakeYAML alone writes \xe9
    assertThat(StaticTemplate.upperCaseHexEscapes(snakeYaml(data))).isEqualTo(python);
  }

  @Test
  @DisplayName("text without a backslash is returned as it is")
  void nothingToDo() {
    assertThat(StaticTemplate.upperCaseHexEscapes("a: b\n")).isEqualTo("a: b\n");
  }
}
