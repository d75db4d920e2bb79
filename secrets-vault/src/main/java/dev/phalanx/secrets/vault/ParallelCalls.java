package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs blocking calls on a fixed pool of at most {@code limit} daemon threads, made for the call
 * and shut down after it (Java 17 has no virtual threads). The first failure is rethrown as is and
 * the remaining tasks are cancelled.
 */
final class ParallelCalls {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private ParallelCalls() {}

  static <T, R> List<R> map(List<T> items, int limit, Function<T, R> call) {
    if (items.size() <= 1 || limit <= 1) {
      List<R> out = new ArrayList<>(items.size());
      for (T item : items) {
        out.add(call.apply(item));
      }
      return out;
    }
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "phalanx-vault-" + pool + "-" + thread.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ExecutorService executor = Executors.newFixedThreadPool(Math.min(limit, items.size()), factory);
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        futures.add(executor.submit(() -> call.apply(item)));
      }
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for Vault", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new StoreException("Vault request failed", cause);
    } finally {
      executor.shutdownNow();
    }
  }
}
