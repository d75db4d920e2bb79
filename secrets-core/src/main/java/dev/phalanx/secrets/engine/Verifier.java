package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.Staleness;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The staleness checks of one resolution: answers remembered verdicts from the {@link
 * VerificationMemo}, runs the slow checks it can foresee in parallel ahead of time ({@link
 * #start}), and remembers fresh verdicts of memoizable checks.
 */
final class Verifier implements AutoCloseable {

  private final VerificationMemo memo;
  private final SyncListener listener;
  private final Map<SecretRef, Speculation> started = new HashMap<>();
  private @Nullable ExecutorService pool;

  Verifier(VerificationMemo memo, SyncListener listener) {
    this.memo = memo;
    this.listener = listener;
  }

  /** A check started ahead, for a predicted source value. */
  private record Speculation(
      SecretValue source, SecretValue stored, CompletableFuture<Staleness> verdict) {}

  /**
   * Starts the check of a stored value on a background thread, with the source value it will most
   * likely have; {@link #check} uses the verdict when the prediction holds. Checks the memo knows
   * and checks of generators that are not slow are not started.
   */
  void start(
      SecretRef ref,
      String type,
      SecretGenerator generator,
      SecretValue source,
      SecretValue stored,
      GenerationContext context) {
    if (!generator.slow()
        || started.containsKey(ref)
        || remembered(type, generator, source, stored)) {
      return;
    }
    listener.computing(ref, "verifying");
    CompletableFuture<Staleness> verdict =
        CompletableFuture.supplyAsync(() -> generator.checkStale(stored, context), pool());
    started.put(ref, new Speculation(source, stored, verdict));
  }

  /** Whether any check was started ahead. */
  boolean anyStarted() {
    return !started.isEmpty();
  }

  /** The verdict on a stored value, from the memo, a check started ahead, or a check run now. */
  Staleness check(
      SecretRef ref,
      String type,
      SecretGenerator generator,
      SecretValue stored,
      GenerationContext context) {
    Optional<SecretValue> source =
        generator.memoizableStaleCheck() ? context.source() : Optional.empty();
    if (source.isPresent() && memo.verified(type, source.get(), stored)) {
      return Staleness.fresh();
    }
    Staleness verdict = null;
    Speculation speculation = started.get(ref);
    if (speculation != null
        && speculation.stored().equals(stored)
        && source.isPresent()
        && speculation.source().equals(source.get())) {
      try {
        verdict = speculation.verdict().join();
      } catch (CompletionException e) {
        verdict = null; // checked again below, on this thread, where its failure is handled
      }
    }
    if (verdict == null) {
      if (generator.slow()) {
        listener.computing(ref, "verifying");
      }
      verdict = generator.checkStale(stored, context);
    }
    if (!verdict.stale() && source.isPresent()) {
      memo.remember(type, source.get(), stored);
    }
    return verdict;
  }

  private boolean remembered(
      String type, SecretGenerator generator, SecretValue source, SecretValue stored) {
    return generator.memoizableStaleCheck() && memo.verified(type, source, stored);
  }

  private ExecutorService pool() {
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "phalanx-secrets-verify-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return pool;
  }

  /** Saves the memo and stops the background threads (checks not waited for are abandoned). */
  @Override
  public void close() {
    memo.flush();
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
