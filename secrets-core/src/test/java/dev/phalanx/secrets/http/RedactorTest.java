package dev.phalanx.secrets.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretValue;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redaction of server error texts")
class RedactorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String PEM =
      "-----BEGIN PRIVATE KEY-----\n"
          + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
          + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
          + "-----END PRIVATE KEY-----\n";

  /** What a server that quotes the request body inside its JSON error shows once parsed. */
  private static String echoedInJson(Object body) throws Exception {
    String requestBody = JSON.writeValueAsString(body);
    String errorBody =
        JSON.writeValueAsString(Map.of("errors", new String[] {"bad request: " + requestBody}));
    return JSON.readTree(errorBody).path("errors").get(0).asText();
  }

  @Test
  @DisplayName("a multi-line PEM key echoed JSON-escaped is redacted, every line of it")
  void pem() throws Exception {
    Map<String, Object> body = Map.of("data", Map.of("key", PEM));
    String echoed = echoedInJson(body);
    assertThat(echoed).contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj");
    String clean = Redactor.of(body).clean(echoed, 10_000);
    assertThat(clean).doesNotContain("MIIEvQ").doesNotContain("MzEfYyji").contains(Redactor.MASK);
    // A server that cut the key short still shows none of its whole lines.
    String cut = "error: " + PEM.substring(0, 100).replace("\n", "\\n");
    assertThat(Redactor.of(body).clean(cut, 10_000)).doesNotContain("MIIEvQIBADANBgkqhkiG9w0");
  }

  @Test
  @DisplayName("quotes, backslashes, slashes and non-ASCII in their escaped forms are redacted")
  void escapes() {
    String v = "pa\"ss\\wo/rd-é-ü";
    Redactor r = Redactor.of(SecretValue.of(v));
    assertThat(r.apply("x pa\\\"ss\\\\wo/rd-é-ü x")).isEqualTo("x [redacted] x");
    assertThat(r.apply("x pa\\\"ss\\\\wo\\/rd-é-ü x")).isEqualTo("x [redacted] x");
    assertThat(r.apply("x pa\\\"ss\\\\wo/rd-\\u00e9-\\u00fc x")).isEqualTo("x [redacted] x");
    assertThat(r.apply("x pa\\\"ss\\\\wo/rd-\\u00E9-\\u00FC x")).isEqualTo("x [redacted] x");
    assertThat(r.apply("x " + v + " x")).isEqualTo("x [redacted] x");
  }

  @Test
  @DisplayName("redacts before shortening: a secret across the cut leaves no prefix")
  void beforeTruncating() {
    String token = "hvs.CANARY-token-0123456789abcdef";
    String text = "x".repeat(280) + " " + token;
    String clean = Redactor.of(token).clean(text, 300);
    assertThat(clean).doesNotContain("hvs.CANARY").hasSizeLessThanOrEqualTo(301);
  }

  @Test
  @DisplayName("redacts before folding white space, and after")
  void beforeFolding() {
    String multi = "line-one-secret\n  line-two-secret";
    assertThat(Redactor.of(multi).clean("echo: line-one-secret\n  line-two-secret!", 300))
        .isEqualTo("echo: [redacted]!");
    assertThat(Redactor.of(multi).clean("echo: line-one-secret line-two-secret!", 300))
        .isEqualTo("echo: [redacted]!");
  }

  @Test
  @DisplayName("short values, nulls and non-secrets are left alone; values can be added later")
  void shortAndLater() {
    Redactor r = Redactor.of((Object) null, "abc");
    assertThat(r.apply("abc is fine")).isEqualTo("abc is fine");
    r.add(Map.of("k", SecretValue.of("later-secret")));
    assertThat(r.apply("a later-secret b")).isEqualTo("a [redacted] b");
    assertThat(r.apply(null)).isEmpty();
    assertThat(r.toString()).doesNotContain("later-secret");
  }
}
