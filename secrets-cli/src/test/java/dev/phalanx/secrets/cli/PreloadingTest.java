package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CLI preloads the store a command opens, off the main thread, and nothing else. */
@DisplayName("Preloading")
class PreloadingTest {

  /** A store type that counts its preloads, and fails them when asked. */
  static final class CountingProvider implements SecretStoreProvider {
    final String type;
    final boolean fail;
    final AtomicInteger preloads = new AtomicInteger();

    CountingProvider(String type, boolean fail) {
      this.type = type;
      this.fail = fail;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public SecretStore create(StoreConfig config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void preload() {
      preloads.incrementAndGet();
      if (fail) {
        throw new IllegalStateException("broken preload");
      }
    }
  }

  @Test
  @DisplayName("preloads the store of --store on a daemon thread, and not the other stores")
  void preloadsTheChosenStore() throws Exception {
    CountingProvider chosen = new CountingProvider("chosen", false);
    CountingProvider other = new CountingProvider("other", false);
    Providers providers = Providers.builder().discover(false).store(chosen).store(other).build();
    EngineOptions opts = new EngineOptions();
    opts.store = "chosen:somewhere";
    Optional<Thread> thread = Preloading.start(providers, opts);
    assertThat(thread).isPresent();
    assertThat(thread.get().isDaemon()).isTrue();
    thread.get().join(10_000);
    assertThat(chosen.preloads).hasValue(1);
    assertThat(other.preloads).hasValue(0);
  }

  @Test
  @DisplayName("a preload that throws prints nothing, and a bad --store is left to the store code")
  void aFailingPreloadIsSilent() throws Exception {
    CountingProvider broken = new CountingProvider("broken", true);
    Providers providers = Providers.builder().discover(false).store(broken).build();
    EngineOptions opts = new EngineOptions();
    opts.store = "broken:x";
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Preloading.start(providers, opts).orElseThrow().join(10_000);
    } finally {
      System.setErr(saved);
    }
    assertThat(broken.preloads).hasValue(1);
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();

    opts.store = "::not a uri";
    assertThat(Preloading.start(providers, opts)).isEmpty();
  }
}
