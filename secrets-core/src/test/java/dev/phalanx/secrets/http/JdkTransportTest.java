package dev.phalanx.secrets.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
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

  @Test
  @DisplayName("returns when the selector thread is stuck on its own monitor")
  void closeNeverWaitsOnTheSelectorsMonitor() throws Exception {
    Assumptions.assumeFalse(
        AutoCloseable.class.isAssignableFrom(HttpClient.class),
        "Java 21 and later close the client with HttpClient.close()");
    wm.stubFor(get("/x").willReturn(ok("y")));
    Set<Thread> before = selectorThreads();
    JdkTransport transport = new JdkTransport(Duration.ofSeconds(5), Duration.ofSeconds(5), null);
    transport.send(Request.get(URI.create(wm.baseUrl() + "/x"), Map.of()));
    Set<Thread> created = new HashSet<>(selectorThreads());
    created.removeAll(before);
    Thread selector = created.iterator().next();
    // The JDK's selector thread locks itself; a worker thread that deadlocks with it (JDK 17,
    // while a TLS connection is returned to the pool during close) holds that monitor for good.
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              synchronized (selector) {
                holding.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    holder.setDaemon(true);
    holder.start();
    assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(5), transport::close);
    } finally {
      release.countDown();
    }
    holder.join(5000);
    selector.join(5000);
    assertThat(selector.isAlive()).as("selector thread once released").isFalse();
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-"))
        .filter(t -> t.getName().endsWith("-SelectorManager"))
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }
}
