package dev.phalanx.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.vault.admin.CredentialValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Drives failure paths with logging at TRACE and searches everything captured (log output,
 * exception messages and stack traces, toString of every object) for the canary secrets.
 */
@DisplayName("No token, SecretID or value leaks (canary)")
class SecretCanaryTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TOKEN = WireMockStores.TOKEN;
  private static final String VALUE = "CANARY-secret-value-42";
  private static final String SECRET_ID = "CANARY-secret-id-77";
  private static final String ENV_TOKEN = "CANARY-env-token-99";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final List<String> texts = new ArrayList<>();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @BeforeEach
  void capture() {
    assertThat(LoggerFactory.getLogger("dev.phalanx.secrets.vault").isTraceEnabled()).isTrue();
    originalErr = System.err;
    originalOut = System.out;
    PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(sink);
    System.setOut(sink);
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

  private void record(Object o) {
    texts.add(String.valueOf(o));
    if (o instanceof Throwable t) {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      texts.add(w.toString());
    }
  }

  private void attempt(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      record(e);
    }
  }

  @Test
  @DisplayName("failure paths leak nothing")
  void noLeaks() {
    Map<String, SecretValue> data = TestStores.data("password", VALUE);

    // 1. bad token: 403 everywhere
    wm.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse().withStatus(403).withBody("{\"errors\":[\"permission denied\"]}")));
    try (VaultSecretStore store = WireMockStores.store(wm)) {
      record(store);
      attempt(() -> store.read("app"));
      attempt(() -> store.write("app", data, new WriteCondition.CreateOnly()));
      attempt(store::listApplications);
      attempt(() -> store.delete("app"));
    }

    // 2. 500 whose error body echoes the request (token, and the value the write sent). A server
    // echoing a value the client never sent is out of the client's reach: the GET echoes only
    // the token.
    wm.resetAll();
    wm.stubFor(
        get(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody("{\"errors\":[\"internal error handling token " + TOKEN + "\"]}")));
    wm.stubFor(
        post(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody(
                        "{\"errors\":[\"internal error handling token "
                            + TOKEN
                            + " and value "
                            + VALUE
                            + "\"]}")));
    try (VaultSecretStore store = WireMockStores.store(wm)) {
      attempt(() -> store.write("app", data, new WriteCondition.IfVersion(3)));
      attempt(() -> store.read("app"));
    }

    // 3. timeouts
    wm.resetAll();
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(800)));
    try (VaultSecretStore store = WireMockStores.store(wm, Map.of("request-timeout", "100ms"))) {
      attempt(() -> store.write("app", data, new WriteCondition.CreateOnly()));
    }

    // 4. successful read and write of the value at TRACE
    wm.resetAll();
    wm.stubFor(
        get("/v1/secret/data/phalanx/dev/app")
            .willReturn(
                okJson(
                    "{\"data\":{\"data\":{\"password\":\""
                        + VALUE
                        + "\"},\"metadata\":{\"version\":1}}}")));
    wm.stubFor(
        post("/v1/secret/data/phalanx/dev/app").willReturn(okJson("{\"data\":{\"version\":2}}")));
    try (VaultSecretStore store = WireMockStores.store(wm)) {
      record(store.read("app").orElseThrow());
      record(store.readAll(List.of("app")));
      record(store.write("app", data, new WriteCondition.IfVersion(1)));
    }

    // 5. AppRole login refused, with a SecretID from the environment; token renewal on
    wm.resetAll();
    wm.stubFor(
        post("/v1/auth/approle/login")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"errors\":[\"invalid secret id " + SECRET_ID + "\"]}")));
    Map<String, String> options = WireMockStores.options(wm);
    options.put("auth", "approle");
    options.put("token-renewal", "true");
    StoreConfig appRole = new StoreConfig(WireMockStores.PREFIX, options, Map.of(), null);
    try (VaultSecretStore store =
        VaultSecretStore.open(
            appRole,
            Map.of("VAULT_ROLE_ID", "role", "VAULT_SECRET_ID", SECRET_ID)::get,
            Path.of("/nonexistent"),
            Clock.systemUTC())) {
      record(store);
      attempt(() -> store.read("app"));
    }

    // 6. token from VAULT_TOKEN, server gone (connection refused), lookup-self on
    Map<String, String> gone = new HashMap<>(WireMockStores.options(wm));
    gone.put("vault-url", "http://127.0.0.1:1");
    gone.put("token-renewal", "true");
    try (VaultSecretStore store =
        VaultSecretStore.open(
            new StoreConfig(WireMockStores.PREFIX, gone, Map.of(), null),
            Map.of("VAULT_TOKEN", ENV_TOKEN)::get,
            Path.of("/nonexistent"),
            Clock.systemUTC())) {
      attempt(store::listApplications);
    }

    // 7. value objects
    record(CredentialValues.writeToken(TOKEN));
    record(CredentialValues.readAppRole(SECRET_ID));
    record(CredentialValues.audit("x"));
    record(
        VaultConfig.from(
            new StoreConfig(
                WireMockStores.PREFIX,
                WireMockStores.options(wm),
                Map.of("vault-token", SecretValue.of(TOKEN)),
                null),
            k -> null,
            Path.of("/nonexistent")));

    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("GET secret/data/phalanx/dev/app -> 403"); // TRACE really captured
    assertThat(texts).hasSizeGreaterThan(10);
    String everything = logs + String.join("\n", texts);
    for (String canary : List.of(TOKEN, VALUE, SECRET_ID, ENV_TOKEN)) {
      assertThat(everything).as("captured output must not contain a canary").doesNotContain(canary);
    }
    assertThat(String.join("\n", texts)).contains("[redacted]"); // the echo was caught
  }

  private static final String PEM_LINE =
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjCANARYpemLINEAAoIBAQC7VJTUt9Us8cKj";
  private static final String PEM =
      "-----BEGIN PRIVATE KEY-----\n"
          + PEM_LINE
          + "\n"
          + PEM_LINE.toLowerCase(Locale.ROOT)
          + "\n-----END PRIVATE KEY-----\n";
  private static final String QUOTED = "CANARY\"quoted\\value/é";

  @Test
  @DisplayName(
      "error bodies that echo the request in JSON-escaped form, or cut it short, leak nothing")
  void echoedBodies() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, SecretValue> data = TestStores.data("key", PEM, "other", QUOTED);
    Map<String, Object> sent =
        Map.of("options", Map.of("cas", 3), "data", Map.of("key", PEM, "other", QUOTED));
    // A proxy quoting the request body inside its JSON error: once parsed, the PEM key is one line
    // with \n in it, and the quote and backslash are escaped; raw-value redaction misses both.
    String echo = "bad request body: " + json.writeValueAsString(sent);
    wm.stubFor(
        post(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(json.writeValueAsString(Map.of("errors", List.of(echo))))));
    // A long error whose token starts just before the 300-character cut: shortening first would
    // leave the token's beginning, which no longer matches the whole token.
    wm.stubFor(
        get(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        json.writeValueAsString(
                            Map.of(
                                "errors",
                                List.of("x".repeat(280) + " " + TOKEN),
                                "request",
                                Map.of("headers", "X-Vault-Token: " + TOKEN))))));
    try (VaultSecretStore store = WireMockStores.store(wm)) {
      attempt(() -> store.write("app", data, new WriteCondition.IfVersion(3)));
      attempt(() -> store.read("app"));
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    String everything = logs + String.join("\n", texts);
    assertThat(String.join("\n", texts)).contains("bad request body").contains("[redacted]");
    for (String canary :
        List.of(
            PEM_LINE,
            PEM_LINE.toLowerCase(Locale.ROOT),
            "CANARY\\\"quoted",
            "quoted\\\\value",
            "CANARY\"quoted",
            TOKEN.substring(0, 12))) {
      assertThat(everything).as("captured output must not contain a canary").doesNotContain(canary);
    }
  }
}
