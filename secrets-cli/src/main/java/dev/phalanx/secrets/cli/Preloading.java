package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.providers.BackendUri;
import dev.phalanx.secrets.providers.Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the {@code preload()} of the store (and explicitly chosen source) a command will open, on
 * a daemon thread, so that loading the Vault client's TLS, HTTP and JSON classes (about 0.3 s of a
 * cold start on two cores, BENCHMARKS.md, issue 13) overlaps reading the tree instead of following
 * it. Preloading changes nothing but speed: a wrong store URI is still reported, by the code that
 * opens the store.
 */
final class Preloading {

  private static final Logger LOG = LoggerFactory.getLogger(Preloading.class);

  private Preloading() {}

  /**
   * Starts preloading for a command's options.
   *
   * @param providers the providers
   * @param opts the command's options
   * @return the thread started, or empty when there is nothing to preload
   */
  static Optional<Thread> start(Providers providers, EngineOptions opts) {
    List<Runnable> work = new ArrayList<>();
    String storeType = type(opts.store == null ? "vault:" : opts.store);
    if (storeType != null) {
      providers.stores().find(storeType).ifPresent(p -> work.add(p::preload));
    }
    String sourceType = opts.source == null ? null : type(opts.source);
    if (sourceType != null) {
      providers.sources().find(sourceType).ifPresent(p -> work.add(p::preload));
    }
    if (work.isEmpty()) {
      return Optional.empty();
    }
    Thread thread =
        new Thread(
            () -> {
              for (Runnable r : work) {
                try {
                  r.run();
                } catch (RuntimeException | LinkageError e) {
                  // preload() must not throw; a third-party one that does costs only its speed.
                  LOG.debug("a provider's preload failed", e);
                }
              }
            },
            "phalanx-preload");
    thread.setDaemon(true);
    thread.start();
    return Optional.of(thread);
  }

  private static @Nullable String type(String uri) {
    try {
      return BackendUri.parse(uri).type();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
