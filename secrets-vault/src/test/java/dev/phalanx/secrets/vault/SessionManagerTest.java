package dev.phalanx.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.phalanx.secrets.SecretValue;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Session: login and token renewal")
class SessionManagerTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final class MutableClock extends Clock {
    final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private VaultClient client() {
    return VaultClient.create(VaultClientOptions.of(URI.create(wm.baseUrl())));
  }

  @Test
  @DisplayName("a renewable token is renewed when a third of its lifetime is left")
  void renewsToken() throws InterruptedException {
    wm.stubFor(
        get("/v1/auth/token/lookup-self")
            .willReturn(okJson("{\"data\":{\"ttl\":3000,\"renewable\":true}}")));
    wm.stubFor(
        post("/v1/auth/token/renew-self")
            .willReturn(
                okJson(
                    "{\"auth\":{\"client_token\":\"tok\",\"lease_duration\":3000,\"renewable\":true}}")));
    MutableClock clock = new MutableClock();
    SessionManager session =
        new SessionManager(
            ClientAuthentication.token(SecretValue.of("tok")), client(), clock, true);
    assertThat(session.token().reveal()).isEqualTo("tok");
    session.awaitLookup();
    session.token();
    wm.verify(
        1,
        getRequestedFor(urlEqualTo("/v1/auth/token/lookup-self"))
            .withHeader("X-Vault-Token", equalTo("tok")));
    wm.verify(0, postRequestedFor(urlEqualTo("/v1/auth/token/renew-self")));
    clock.now.set(clock.now.get().plus(Duration.ofSeconds(2500)));
    session.token();
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/auth/token/renew-self")));
    session.token(); // renewed: not again
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/auth/token/renew-self")));
  }

  @Test
  @DisplayName("the first token is handed out at once; lookup-self runs beside the first requests")
  void lookupDoesNotHoldTheFirstRequests() throws InterruptedException {
    wm.stubFor(
        get("/v1/auth/token/lookup-self")
            .willReturn(
                okJson("{\"data\":{\"ttl\":3000,\"renewable\":true}}").withFixedDelay(2000)));
    SessionManager session =
        new SessionManager(
            ClientAuthentication.token(SecretValue.of("tok")), client(), new MutableClock(), true);
    assertThat(session.token().reveal()).isEqualTo("tok");
    assertThat(session.lookupPending()).as("token() returned before lookup-self answered").isTrue();
    session.awaitLookup();
    assertThat(session.lookupPending()).isFalse();
    wm.verify(1, getRequestedFor(urlEqualTo("/v1/auth/token/lookup-self")));
  }

  @Test
  @DisplayName("renewal off: no lookup at all")
  void renewalOff() {
    SessionManager session =
        new SessionManager(
            ClientAuthentication.token(SecretValue.of("tok")), client(), Clock.systemUTC(), false);
    session.token();
    wm.verify(0, getRequestedFor(urlEqualTo("/v1/auth/token/lookup-self")));
  }

  @Test
  @DisplayName("AppRole logs in with role_id and secret_id, and again near expiry")
  void appRoleLogin() {
    wm.stubFor(
        post("/v1/auth/approle/login")
            .willReturn(
                okJson(
                    "{\"auth\":{\"client_token\":\"from-login\",\"lease_duration\":600,"
                        + "\"renewable\":false}}")));
    MutableClock clock = new MutableClock();
    SessionManager session =
        new SessionManager(
            ClientAuthentication.appRole("approle", "role-1", SecretValue.of("sid-1")),
            client(),
            clock,
            true);
    assertThat(session.token().reveal()).isEqualTo("from-login");
    wm.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/auth/approle/login"))
            .withRequestBody(equalToJson("{\"role_id\":\"role-1\",\"secret_id\":\"sid-1\"}")));
    clock.now.set(clock.now.get().plus(Duration.ofSeconds(500)));
    session.token();
    wm.verify(2, postRequestedFor(urlEqualTo("/v1/auth/approle/login")));
    assertThat(session.toString()).doesNotContain("from-login").doesNotContain("sid-1");
  }

  @Test
  @DisplayName("Kubernetes logs in with the role and the service account JWT read from its file")
  void kubernetesLogin(@TempDir Path dir) throws Exception {
    Path jwt = dir.resolve("token");
    Files.writeString(jwt, "jwt-abc\n");
    wm.stubFor(
        post("/v1/auth/kubernetes/login")
            .willReturn(
                okJson("{\"auth\":{\"client_token\":\"k8s-tok\",\"lease_duration\":600}}")));
    ClientAuthentication auth =
        ClientAuthentication.fromOptions(
            Map.of(
                "auth",
                "kubernetes",
                "kubernetes-role",
                "reader",
                "kubernetes-jwt-path",
                jwt.toString()),
            Map.of(),
            k -> null,
            dir);
    SessionManager session = new SessionManager(auth, client(), Clock.systemUTC(), true);
    assertThat(session.token().reveal()).isEqualTo("k8s-tok");
    wm.verify(
        postRequestedFor(urlEqualTo("/v1/auth/kubernetes/login"))
            .withRequestBody(equalToJson("{\"role\":\"reader\",\"jwt\":\"jwt-abc\"}")));
  }
}
