package dev.phalanx.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.phalanx.secrets.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The concurrent requests of a connection: bounded, in order, on threads kept between batches, and
 * never left waiting when a call fails while others are still to start (the hang a cancelled,
 * never-started task once caused in {@code audit --all}).
 */
@DisplayName("Concurrent Vault calls")
class ParallelCallsTest {

  private static final Duration LIMIT = Duration.ofSeconds(20);

  private final ParallelCalls calls = new ParallelCalls(4);

  @AfterEach
  void close() {
    calls.close();
  }

  private static List<Integer> items(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  @DisplayName("returns the results in item order, never more than the limit at a time")
  void boundedAndOrdered() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> out =
        calls.map(
            items(40),
            i -> {
              int now = running.incrementAndGet();
              most.accumulateAndGet(now, Math::max);
              threads.add(Thread.currentThread());
              sleep(5);
              running.decrementAndGet();
              return i * 10;
            });
    assertThat(out).isEqualTo(items(40).stream().map(i -> i * 10).toList());
    assertThat(most.get()).isBetween(2, 4);
    assertThat(threads).hasSizeBetween(2, 4).contains(Thread.currentThread());
  }

  @Test
  @DisplayName("keeps its threads between batches")
  void reusesThreads() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    for (int batch = 0; batch < 10; batch++) {
      calls.map(
          items(8),
          i -> {
            threads.add(Thread.currentThread());
            sleep(2);
            return i;
          });
      sleep(20); // the helpers are back in the pool
    }
    threads.remove(Thread.currentThread());
    // Ten batches with new threads each would have used 30.
    assertThat(threads).hasSizeLessThanOrEqualTo(6);
    assertThat(threads).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
  }

  @Test
  @DisplayName("rethrows the first failure once, with items still waiting to start")
  void failureWithQueuedItems() {
    AtomicInteger started = new AtomicInteger();
    StoreException failure = new StoreException("Vault answered 500");
    assertTimeoutPreemptively(
        LIMIT,
        () ->
            assertThatThrownBy(
                    () ->
                        calls.map(
                            items(200),
                            i -> {
                              started.incrementAndGet();
                              if (i == 3) {
                                throw failure;
                              }
                              sleep(2);
                              return i;
                            }))
                .isSameAs(failure));
    assertThat(started.get()).isLessThan(200);
  }

  @Test
  @DisplayName("interrupts the calls in flight when one fails, and the next batch is unharmed")
  void failureInterruptsOthers() {
    CountDownLatch blocked = new CountDownLatch(3);
    AtomicInteger arrivals = new AtomicInteger();
    AtomicInteger interrupted = new AtomicInteger();
    AtomicBoolean callerFlag = new AtomicBoolean(true);
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          assertThatThrownBy(
                  () ->
                      calls.map(
                          items(4),
                          i -> {
                            if (arrivals.incrementAndGet() == 4) {
                              // The last of the four workers (the calling thread is one) fails
                              // once the other three are blocked in their calls.
                              await(blocked);
                              throw new StoreException("Vault answered 500");
                            }
                            blocked.countDown();
                            try {
                              Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                              interrupted.incrementAndGet();
                              Thread.currentThread().interrupt(); // as the HTTP transport does
                              throw new StoreException("interrupted", e);
                            }
                            return i;
                          }))
              .hasMessage("Vault answered 500");
          callerFlag.set(Thread.currentThread().isInterrupted());
        });
    assertThat(interrupted.get()).isEqualTo(3);
    // The helpers' interrupts do not reach the next batch.
    List<Boolean> flags =
        calls.map(
            items(8),
            i -> {
              sleep(5);
              return Thread.currentThread().isInterrupted();
            });
    assertThat(flags).containsOnly(false);
    assertThat(callerFlag).as("the calling thread's interrupt flag after the batch").isFalse();
  }

  @Test
  @DisplayName("rethrows an Error as it was thrown")
  void errors() {
    AssertionError error = new AssertionError("boom");
    assertThatThrownBy(
            () ->
                calls.map(
                    items(10),
                    i -> {
                      if (i == 5) {
                        throw error;
                      }
                      return i;
                    }))
        .isSameAs(error);
  }

  @Test
  @DisplayName("after close, does the work on the calling thread")
  void closed() {
    calls.close();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> out =
        calls.map(
            items(10),
            i -> {
              threads.add(Thread.currentThread());
              return i + 1;
            });
    assertThat(out).isEqualTo(IntStream.rangeClosed(1, 10).boxed().toList());
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  @DisplayName("an interrupted caller stops the batch and keeps its interrupt")
  void callerInterrupted() throws Exception {
    CountDownLatch inCall = new CountDownLatch(1);
    AtomicInteger outcome = new AtomicInteger();
    Thread caller =
        new Thread(
            () -> {
              try {
                calls.map(
                    items(2),
                    i -> {
                      if (i == 0) {
                        return i; // the caller's item: it then waits for the helper
                      }
                      inCall.countDown();
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // as the HTTP transport does
                        throw new StoreException("interrupted", e);
                      }
                      return i;
                    });
                outcome.set(1);
              } catch (StoreException e) {
                outcome.set(Thread.currentThread().isInterrupted() ? 2 : 3);
              }
            });
    caller.start();
    assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
    sleep(50); // the caller is waiting for the helper
    caller.interrupt();
    caller.join(LIMIT.toMillis());
    assertThat(caller.isAlive()).isFalse();
    assertThat(outcome.get()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "a call started beside a batch runs on the connection's threads, never the common pool")
  void startedCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> listing =
        calls.start(
            () -> {
              await(release);
              return Thread.currentThread().getName();
            });
    // The caller goes on at once: the call is still waiting for the latch.
    assertThat(listing).isNotDone();
    // A batch beside it is not held up by it.
    assertThat(calls.map(items(3), i -> i)).containsExactly(0, 1, 2);
    release.countDown();
    String thread = listing.get(10, TimeUnit.SECONDS);
    assertThat(thread).startsWith("phalanx-vault-").doesNotContain("ForkJoinPool");
    // Later calls run on the connection's threads too.
    assertThat(calls.start(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
        .startsWith("phalanx-vault-");
  }

  @Test
  @DisplayName("a started call's failure is its future's, as it was thrown")
  void startedCallFails() {
    StoreException failure = new StoreException("permission denied");
    assertThat(
            calls.start(
                () -> {
                  throw failure;
                }))
        .failsWithin(LIMIT)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isSameAs(failure);
  }

  @Test
  @DisplayName("after close, a started call runs on the calling thread")
  void startedCallAfterClose() throws Exception {
    calls.close();
    Thread caller = Thread.currentThread();
    assertThat(calls.start(Thread::currentThread).get(10, TimeUnit.SECONDS)).isSameAs(caller);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the helpers did not start");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
