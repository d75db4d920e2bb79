package dev.phalanx.secrets.onepassword;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.phalanx.secrets.onepassword.Requests.environment;
import static dev.phalanx.secrets.onepassword.Requests.secret;
import static dev.phalanx.secrets.onepassword.Requests.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token and the values never show: logging at TRACE is captured while success and failure paths
 * run, and the captured output, every exception message (causes and problems included) and every
 * {@code toString()} are searched for the canaries.
 */
@DisplayName("Canary: no token or value ever shows")
class CanaryTest {

  private static final List<String> CANARIES =
      List.of(
          FakeConnect.TOKEN,
          "canary-value-alpha",
          "canary-value-beta",
          "canary-pull-password",
          "canary-oidc-secret",
          "canary-vault-token",
          "Y2FuYXJ5",
          "canary-legacy-value");

  @RegisterExtension final FakeConnect connect = new FakeConnect();

  @Test
  @DisplayName("in logs at TRACE, exception messages and toString()")
  void nothingLeaks() {
    FakeConnect.Vault v = connect.vault("idfdev");
    FakeConnect.Item app =
        v.item("app")
            .field("alpha", "canary-value-alpha")
            .field("beta", "canary-value-beta")
            .field("encoded", "Y2FuYXJ5!!not-base64");
    v.item("pull-secret").section("ghcr.io", "username", "u", "password", "canary-pull-password");
    v.item("oidc-clients")
        .section("c", "id", "i", "secret", "canary-oidc-secret", "return_uri", "https://r");
    v.item("vault-write-token").field("vault-token", "canary-vault-token");
    FakeConnect.Vault legacy = connect.vault("RSP-Vault");
    legacy
        .item("legacy")
        .field("generate_secrets_key", "app alpha", "STRING", "")
        .field("password", "canary-legacy-value", "CONCEALED", "PASSWORD");
    connect.install();

    List<String> seen = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    try {
      StaticSecretsRequest ok =
          new StaticSecretsRequest(
              environment("idfdev", "x.example", connect.url(), "idfdev"),
              List.of(secret("app", "alpha"), secret("app", "beta")),
              true);
      StaticSecretsRequest bad =
          new StaticSecretsRequest(
              environment("idfdev", "x.example", connect.url(), "idfdev"),
              List.of(secret("app", "alpha"), secret("app", "encoded", true), secret("app", "no")),
              true);
      try (SecretSource source = source()) {
        StaticSecrets s = source.fetch(ok);
        seen.add(s.toString());
        seen.add(s.values().toString());
        seen.add(s.oidcClients().toString());
        seen.add(s.pullSecret().toString());
        seen.add(s.vaultWriteToken().toString());
        seen.add(source.toString());
        seen.add(source.describe());
        record(seen, () -> source.fetch(bad));
      }
      try (SecretSource source = source("layout", "legacy", "missing", "warn")) {
        StaticSecrets s = source.fetch(ok);
        seen.add(s.toString());
        seen.addAll(s.warnings());
        seen.add(s.values().toString());
      }
      // Failure paths: every status, a timeout and a malformed body.
      for (int status : new int[] {401, 403, 404, 429, 500, 503}) {
        connect.stub(
            get(urlPathEqualTo(app.path()))
                .willReturn(FakeConnect.error(status, "status " + status)));
        try (SecretSource source = source("retry-max-attempts", "2")) {
          record(seen, () -> source.fetch(ok));
        }
      }
      connect.stub(
          get(urlPathEqualTo(app.path()))
              .willReturn(FakeConnect.json(200, app.full()).withFixedDelay(1000)));
      try (SecretSource source = source("request-timeout", "100ms")) {
        record(seen, () -> source.fetch(ok));
      }
      connect.skipContractCheck();
      connect.stub(
          get(urlPathEqualTo(app.path()))
              .willReturn(FakeConnect.json(200, "{\"fields\": [\"canary-value-alpha")));
      try (SecretSource source = source()) {
        record(seen, () -> source.fetch(ok));
      }
    } finally {
      System.err.flush();
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).as("logging at TRACE was captured").contains("TRACE").contains("DEBUG");
    assertThat(seen).hasSizeGreaterThan(10);
    for (String canary : CANARIES) {
      assertThat(logs.contains(canary)).as("logs contain a canary").isFalse();
      for (String s : seen) {
        assertThat(s.contains(canary)).as("an output contains a canary: %s", canary).isFalse();
      }
    }
  }

  @Test
  @DisplayName("error messages that echo the Authorization header or a value read earlier")
  void echoedErrors() {
    FakeConnect.Vault v = connect.vault("idfdev");
    v.item("app").field("alpha", "canary-value-alpha");
    FakeConnect.Item other = v.item("other").field("pem", "not-read");
    connect.install();
    List<String> seen = new ArrayList<>();
    StaticSecretsRequest ok =
        new StaticSecretsRequest(
            environment("idfdev", "x.example", connect.url(), "idfdev"),
            List.of(secret("app", "alpha")),
            false);
    StaticSecretsRequest both =
        new StaticSecretsRequest(
            environment("idfdev", "x.example", connect.url(), "idfdev"),
            List.of(secret("app", "alpha"), secret("other", "pem")),
            false);
    // 1. A 401 whose message echoes the request's Authorization header.
    connect.stub(
        get(urlPathEqualTo("/v1/vaults"))
            .willReturn(
                FakeConnect.error(
                    401, "invalid token in header Authorization: Bearer " + FakeConnect.TOKEN)));
    try (SecretSource source = source()) {
      record(seen, () -> source.fetch(ok));
    }
    // 2. A value read by this source echoed in a later error, raw and JSON-escaped.
    connect.install();
    connect.stub(
        get(urlPathEqualTo(other.path()))
            .willReturn(
                FakeConnect.error(
                    500,
                    "upstream said {\"alpha\":\"canary-value-alpha\"} for " + FakeConnect.TOKEN)));
    try (SecretSource source = source("retry-max-attempts", "1")) {
      assertThat(source.fetch(ok).values()).hasSize(1);
      record(seen, () -> source.fetch(both));
    }
    String all = String.join("\n", seen);
    assertThat(all).contains("HTTP 401").contains("HTTP 500").contains("[redacted]");
    for (String canary : List.of(FakeConnect.TOKEN, "canary-value-alpha")) {
      assertThat(all.contains(canary)).as("an output contains a canary: %s", canary).isFalse();
    }
  }

  private static void record(List<String> seen, Runnable failing) {
    try {
      failing.run();
      seen.add("no failure");
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        seen.add(String.valueOf(t.getMessage()));
        seen.add(t.toString());
      }
      if (e instanceof PhalanxSecretsException p) {
        p.problems().stream().map(Problem::toString).forEach(seen::add);
      }
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      seen.add(trace.toString());
    }
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
