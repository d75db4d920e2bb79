package dev.phalanx.secrets.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing the transport ends the client's selector thread, on every Java version: a thread left in
 * native code makes the JVM's exit wait 0.3 s (BENCHMARKS.md, issue 13).
 */
@DisplayName("JdkTransport.close")
class JdkTransportTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  @DisplayName("ends the selector thread of the transport's client, and only that one")
  void closeEndsTheSelectorThread() throws Exception {
    wm.stubFor(get("/x").willReturn(ok("y")));
    HttpClient other = HttpClient.newHttpClient();
    other.send(
        HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/x")).build(),
        HttpResponse.BodyHandlers.ofString());
    Set<Thread> before = selectorThreads();
    JdkTransport transport = new JdkTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), null);
    Response response = transport.send(Request.get(URI.create(wm.baseUrl() + "/x"), Map.of()));
    assertThat(response.status()).isEqualTo(200);
    Set<Thread> created = new HashSet<>(selectorThreads());
    created.removeAll(before);
    assertThat(created).hasSize(1);
    Thread selector = created.iterator().next();

    transport.close();

    assertThat(selector.isAlive()).as("selector thread %s", selector.getName()).isFalse();
    assertThat(before).allMatch(Thread::isAlive);
    assertThat(
            other
                .send(
                    HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .isEqualTo("y");
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-"))
        .filter(t -> t.getName().endsWith("-SelectorManager"))
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }
}
