package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.StoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs blocking calls, at most {@code limit} at a time per {@link #map}, on daemon threads that a
 * connection keeps and reuses (Java 17 has no virtual threads): the stores of a group, one per
 * environment, do not each start their own. The first failure is rethrown as is; calls not yet
 * started are not started, and those in flight are interrupted.
 */
final class ParallelCalls implements AutoCloseable {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ExecutorService threads;

  ParallelCalls() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "phalanx-vault-" + pool + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  <T, R> List<R> map(List<T> items, int limit, Function<T, R> call) {
    int n = items.size();
    if (n <= 1 || limit <= 1) {
      List<R> out = new ArrayList<>(n);
      for (T item : items) {
        out.add(call.apply(item));
      }
      return out;
    }
    Object[] results = new Object[n];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int workers = Math.min(limit, n);
    AtomicReferenceArray<Future<?>> running = new AtomicReferenceArray<>(workers);
    CountDownLatch done = new CountDownLatch(workers);
    Runnable drain =
        () -> {
          try {
            for (int i = next.getAndIncrement();
                i < n && failure.get() == null;
                i = next.getAndIncrement()) {
              results[i] = call.apply(items.get(i));
            }
          } catch (RuntimeException | Error e) {
            if (failure.compareAndSet(null, e)) {
              cancel(running);
            }
          } finally {
            done.countDown();
          }
        };
    int submitted = 0;
    try {
      for (; submitted < workers; submitted++) {
        running.set(submitted, threads.submit(drain));
      }
    } catch (RejectedExecutionException e) {
      for (int i = submitted; i < workers; i++) {
        done.countDown();
      }
      failure.compareAndSet(null, new IllegalStateException("the Vault connection is closed"));
    }
    if (failure.get() != null) {
      cancel(running); // a worker that failed before every one was submitted
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      cancel(running);
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for Vault", e);
    }
    Throwable cause = failure.get();
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) Arrays.asList(results);
    return out;
  }

  private static void cancel(AtomicReferenceArray<Future<?>> running) {
    for (int i = 0; i < running.length(); i++) {
      Future<?> f = running.get(i);
      if (f != null) {
        f.cancel(true);
      }
    }
  }

  /** Stops the threads; calls in flight are interrupted. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
