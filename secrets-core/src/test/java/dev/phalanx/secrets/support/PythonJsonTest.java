package dev.phalanx.secrets.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.SecretValue;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every expected string below was produced by Python 3's {@code json.dumps} (default arguments) and
 * pasted in as a literal.
 */
class PythonJsonTest {

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @Test
  void emptyContainers() {
    assertThat(PythonJson.dumps(List.of())).isEqualTo("[]");
    assertThat(PythonJson.dumps(Map.of())).isEqualTo("{}");
  }

  @Test
  void scalars() {
    assertThat(PythonJson.dumps(null)).isEqualTo("null");
    assertThat(PythonJson.dumps(true)).isEqualTo("true");
    assertThat(PythonJson.dumps(false)).isEqualTo("false");
    assertThat(PythonJson.dumps(-42)).isEqualTo("-42");
    assertThat(PythonJson.dumps(7L)).isEqualTo("7");
    assertThat(PythonJson.dumps("")).isEqualTo("\"\"");
  }

  @Test
  void oidcClientsShape() {
    Object value =
        List.of(
            map(
                "id", "client-1",
                "secret", SecretValue.of("s3cr\u00e9t"),
                "return_uri", "https://example.com/auth/openid/login"));
    assertThat(PythonJson.dumps(value))
        .isEqualTo(
            "[{\"id\": \"client-1\", \"secret\": \"s3cr\\u00e9t\", \"return_uri\":"
                + " \"https://example.com/auth/openid/login\"}]");
  }

  @Test
  void quotesBackslashesAndControlCharacters() {
    String input =
        "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul \u0000 us \u001f del"
            + " \u007f";
    assertThat(PythonJson.dumps(input))
        .isEqualTo(
            "\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f nul \\u0000"
                + " us \\u001f del \\u007f\"");
  }

  @Test
  void nonAsciiAndAstralCharacters() {
    String input = "caf\u00e9 \u2603 \uD83D\uDE00 \u4e2d\u6587";
    assertThat(PythonJson.dumps(input))
        .isEqualTo("\"caf\\u00e9 \\u2603 \\ud83d\\ude00 \\u4e2d\\u6587\"");
  }

  @Test
  void loneSurrogateIsEscapedLikePython() {
    assertThat(PythonJson.dumps("\uD800 lone")).isEqualTo("\"\\ud800 lone\"");
  }

  @Test
  void nestedObjectsKeepKeyOrder() {
    Object value =
        map(
            "a", List.of(1, 2, map("b", null, "c", true, "d", false)),
            "e", Map.of(),
            "f", List.of(),
            "g", -42,
            "h", new BigInteger("12345678901234567890"));
    assertThat(PythonJson.dumps(value))
        .isEqualTo(
            "{\"a\": [1, 2, {\"b\": null, \"c\": true, \"d\": false}], \"e\": {}, \"f\": [],"
                + " \"g\": -42, \"h\": 12345678901234567890}");
  }

  @Test
  void dockerConfigShape() {
    Object value =
        map(
            "auths",
            map("ghcr.io", map("username", "u", "password", "p\u00fc", "auth", "dTpww7w=")));
    assertThat(PythonJson.dumps(value))
        .isEqualTo(
            "{\"auths\": {\"ghcr.io\": {\"username\": \"u\", \"password\": \"p\\u00fc\","
                + " \"auth\": \"dTpww7w=\"}}}");
  }

  @Test
  void nullElementsInLists() {
    assertThat(PythonJson.dumps(Arrays.asList("x", null))).isEqualTo("[\"x\", null]");
  }

  @Test
  void refusesFloatsAndNonStringKeysWithoutShowingValues() {
    assertThatThrownBy(() -> PythonJson.dumps(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Double")
        .hasMessageNotContaining("1.5");
    assertThatThrownBy(() -> PythonJson.dumps(Map.of(1, "hunter2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Integer")
        .hasMessageNotContaining("hunter2");
  }
}
