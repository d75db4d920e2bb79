package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs blocking calls, at most {@code limit} at a time, on daemon threads kept between calls: one
 * instance per {@link VaultConnection}, so that an audit's reads, and the environments of a fleet
 * that share a connection, reuse the same threads rather than starting new ones for every batch
 * (idle threads end after {@link #IDLE_SECONDS}). The calling thread works too.
 *
 * <p>Every task handed to the pool runs: the pool never queues (a free thread takes the task or a
 * new one is started), and nothing is ever cancelled, so each worker always reports that it is done
 * and {@link #map} cannot be left waiting. When a call fails, no further item is started, the other
 * workers' calls in flight are interrupted (a request answers an interrupt by failing), and the
 * first failure is rethrown once every worker has stopped; no interrupt of the batch's own outlives
 * it. A pool that has been closed, or cannot start a thread, leaves the calling thread to do all
 * the work.
 */
final class ParallelCalls implements AutoCloseable {

  static final long IDLE_SECONDS = 30;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int limit;
  private final ThreadPoolExecutor executor;

  /**
   * Creates the pool; no thread starts until the first batch needs one.
   *
   * @param limit the most calls of one batch at a time, the calling thread's included
   */
  ParallelCalls(int limit) {
    this.limit = limit;
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "phalanx-vault-" + pool + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Applies {@code call} to each item.
   *
   * @return the results, in item order
   * @throws RuntimeException the first call's failure, as it was thrown
   */
  <T, R> List<R> map(List<T> items, Function<T, R> call) {
    if (items.size() <= 1 || limit <= 1) {
      List<R> out = new ArrayList<>(items.size());
      for (T item : items) {
        out.add(call.apply(item));
      }
      return out;
    }
    Batch<T, R> batch = new Batch<>(items, call);
    int helpers = Math.min(limit, items.size()) - 1;
    CountDownLatch done = new CountDownLatch(helpers);
    for (int k = 0; k < helpers; k++) {
      try {
        executor.execute(
            () -> {
              try {
                batch.work();
              } finally {
                done.countDown();
              }
            });
      } catch (RuntimeException | OutOfMemoryError e) {
        // Closed, or no thread can be started: the workers already running and this thread do
        // the rest. The tasks that were not handed over are done for the latch.
        for (int rest = k; rest < helpers; rest++) {
          done.countDown();
        }
        break;
      }
    }
    batch.work();
    if (batch.interruptedByBatch()) {
      Thread.interrupted(); // the batch's own interrupt of this thread's call, not the caller's
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        batch.fail(new StoreException("interrupted while waiting for Vault", e));
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return batch.results();
  }

  /**
   * Starts one blocking call on the pool's threads, to overlap with the caller's own work (an
   * audit's LIST runs beside its first reads). Blocking calls never go to the JDK's common pool: it
   * may be an embedding application's, and on a machine with two processors or fewer {@code
   * CompletableFuture} would start a new thread for every call. A pool that has been closed, or
   * cannot start a thread, runs the call on the calling thread before returning.
   *
   * @param call the call
   * @return its result, or its failure as it was thrown
   */
  <R> CompletableFuture<R> start(Supplier<R> call) {
    CompletableFuture<R> result = new CompletableFuture<>();
    Runnable task =
        () -> {
          try {
            result.complete(call.get());
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
          }
        };
    try {
      executor.execute(task);
    } catch (RuntimeException | OutOfMemoryError e) {
      task.run();
    }
    return result;
  }

  /** Lets idle threads end; calls in flight finish, and later batches run on the calling thread. */
  @Override
  public void close() {
    executor.shutdown();
  }

  /** One {@link #map}: the items, the next one to take, the results and the first failure. */
  private static final class Batch<T, R> {
    private final List<T> items;
    private final Function<T, R> call;
    private final Object[] results;
    private final AtomicInteger next = new AtomicInteger();

    /** The threads working on this batch now (interrupted when the batch fails). */
    private final Set<Thread> workers = new HashSet<>();

    private final Thread caller = Thread.currentThread();
    private boolean callerInterrupted;

    private volatile @Nullable Throwable failure;

    Batch(List<T> items, Function<T, R> call) {
      this.items = items;
      this.call = call;
      this.results = new Object[items.size()];
    }

    void work() {
      if (!enter()) {
        return;
      }
      try {
        for (int i = next.getAndIncrement();
            failure == null && i < items.size();
            i = next.getAndIncrement()) {
          try {
            results[i] = call.apply(items.get(i));
          } catch (RuntimeException | Error e) {
            fail(e);
          }
        }
      } finally {
        leave();
      }
    }

    private synchronized boolean enter() {
      if (failure != null) {
        return false;
      }
      workers.add(Thread.currentThread());
      return true;
    }

    /**
     * Leaves the batch; from then on it never interrupts this thread (the pool clears a stale
     * interrupt before a thread's next task, {@link #map} the calling thread's).
     */
    private synchronized void leave() {
      workers.remove(Thread.currentThread());
    }

    /** Whether {@link #fail} interrupted the calling thread's call. */
    synchronized boolean interruptedByBatch() {
      return callerInterrupted;
    }

    /** Records the first failure and interrupts the other workers' calls in flight. */
    synchronized void fail(Throwable e) {
      if (failure != null) {
        return;
      }
      failure = e;
      Thread self = Thread.currentThread();
      for (Thread t : workers) {
        if (t != self) {
          t.interrupt();
          callerInterrupted |= t == caller;
        }
      }
    }

    @SuppressWarnings("unchecked")
    List<R> results() {
      Throwable e = failure;
      if (e instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof Error err) {
        throw err;
      }
      List<R> out = new ArrayList<>(results.length);
      for (Object r : results) {
        out.add((R) r);
      }
      return out;
    }
  }
}
