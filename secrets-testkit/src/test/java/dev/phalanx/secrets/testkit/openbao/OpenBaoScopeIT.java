package dev.phalanx.secrets.testkit.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A class annotated {@code @OpenBao} gets a server of its own even when a {@code @OpenBao(shared =
 * true)} class of the same run has already started the shared one; two shared classes get the same
 * server. (With one store key for both scopes, JUnit's lookup of the parent stores once handed the
 * shared server to a class that asked for its own, and one test's data made another fail.)
 */
@DisplayName("OpenBao servers: shared and per-class scopes")
class OpenBaoScopeIT {

  static final Map<String, URI> SEEN = new ConcurrentHashMap<>();

  /** The first class to run: starts the shared server. */
  @OpenBao(shared = true)
  @Order(1)
  static class FirstShared {
    @Test
    void records(OpenBaoServer server) {
      SEEN.put("first shared", server.address());
    }
  }

  /** Asks for a server of its own, after the shared one exists. */
  @OpenBao
  @Order(2)
  static class OwnServer {
    @Test
    void records(OpenBaoServer server) {
      SEEN.put("own", server.address());
    }
  }

  /** Asks for the shared server again. */
  @OpenBao(shared = true)
  @Order(3)
  static class SecondShared {
    @Test
    void records(OpenBaoServer server) {
      SEEN.put("second shared", server.address());
    }
  }

  @Test
  @DisplayName("a per-class server is never the shared one; shared classes share one")
  void scopes() {
    SEEN.clear();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                selectClass(FirstShared.class),
                selectClass(OwnServer.class),
                selectClass(SecondShared.class))
            .configurationParameter(
                "junit.jupiter.testclass.order.default",
                ClassOrderer.OrderAnnotation.class.getName())
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, summary);
    assertThat(summary.getSummary().getTestsSucceededCount())
        .as("%s", summary.getSummary().getFailures())
        .isEqualTo(3);
    assertThat(SEEN).containsOnlyKeys("first shared", "own", "second shared");
    assertThat(SEEN.get("own")).isNotEqualTo(SEEN.get("first shared"));
    assertThat(SEEN.get("second shared")).isEqualTo(SEEN.get("first shared"));
  }
}
