package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.SyncFailedException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoredApplication;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop that applies a plan to a store, for {@code sync} and {@code apply} alike. Every
 * write ends as written, not written or unknown: a write that failed (a lost response, a timeout, a
 * refused retry) is settled by reading the application back, so the report is exact and a refused
 * conditional write is called a conflict only when the store holds someone else's change.
 */
final class Applier {

  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  /** How one write ended. */
  enum Result {
    WRITTEN,
    NOT_WRITTEN,
    UNKNOWN,
    CONFLICT
  }

  /**
   * What applying a plan did.
   *
   * @param written the operations that reached the store, in order
   * @param conflict the application whose conditional write met a concurrent change, or null
   * @param remaining the applications of the plan that were not written (after a conflict or a
   *     failure), in plan order
   * @param unknown the applications whose write may or may not have reached the store
   * @param failure the failure that stopped the loop (not a conflict), or null
   * @param failedApplication the application whose write failed, or null
   */
  record Outcome(
      List<PlannedOperation> written,
      @Nullable String conflict,
      List<String> remaining,
      List<String> unknown,
      @Nullable RuntimeException failure,
      @Nullable String failedApplication) {

    /** The exception a failed outcome is reported with. */
    SyncFailedException exception(Collection<String> writtenBefore) {
      List<String> written = new ArrayList<>(writtenBefore);
      RuntimeException cause = failure;
      String reason = "writing application " + failedApplication + " failed: " + cause.getMessage();
      if (!unknown.isEmpty()) {
        reason += " (and reading it back failed too)";
      }
      return new SyncFailedException(reason, written, remaining, unknown, cause);
    }
  }

  private Applier() {}

  /** How one write ended, with the error it raised (null when none). */
  private record Attempt(Result result, @Nullable RuntimeException error) {}

  /**
   * Applies the plan's operations in order, stopping at the first that is not written.
   *
   * @param replanOnConflict whether a conflict stops quietly for re-planning (sync) rather than
   *     failing (apply)
   * @param concurrency how many writes may be in flight at once, within one copy-dependency layer;
   *     1 writes strictly in plan order
   */
  static Outcome apply(
      SecretStore store,
      SyncPlan plan,
      SyncListener listener,
      boolean replanOnConflict,
      int concurrency) {
    List<PlannedOperation> ops = plan.operations();
    List<List<PlannedOperation>> batches =
        concurrency <= 1 ? ops.stream().map(List::of).toList() : plan.layers();
    ExecutorService pool = concurrency <= 1 ? null : Executors.newFixedThreadPool(concurrency);
    try {
      List<PlannedOperation> written = new ArrayList<>();
      for (List<PlannedOperation> batch : batches) {
        List<Attempt> attempts = run(store, plan, batch, pool);
        List<PlannedOperation> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        RuntimeException failure = null;
        String failedApp = null;
        String conflict = null;
        for (int i = 0; i < batch.size(); i++) {
          PlannedOperation op = batch.get(i);
          Attempt a = attempts.get(i);
          switch (a.result()) {
            case WRITTEN -> {
              if (a.error() != null) {
                LOG.info(
                    "writing application {} reported a failure, but reading it back shows it"
                        + " written",
                    op.application());
              }
              written.add(op);
              listener.applied(op, written.size(), ops.size());
            }
            case CONFLICT -> {
              failed.add(op);
              if (conflict == null) {
                conflict = op.application();
              }
              if (!replanOnConflict && failure == null) {
                failure = a.error();
                failedApp = op.application();
              }
            }
            case UNKNOWN, NOT_WRITTEN -> {
              if (a.result() == Result.UNKNOWN) {
                unknown.add(op.application());
              } else {
                failed.add(op);
              }
              if (failure == null || failedApp.equals(conflict)) {
                failure = a.error();
                failedApp = op.application();
              }
            }
          }
        }
        if (failure == null && conflict == null) {
          continue;
        }
        List<String> remaining = new ArrayList<>(names(failed));
        boolean after = false;
        for (List<PlannedOperation> later : batches) {
          if (later == batch) {
            after = true;
          } else if (after) {
            remaining.addAll(names(later));
          }
        }
        if (failure == null) {
          LOG.debug("conditional write of {} refused; re-planning", conflict);
          return new Outcome(written, conflict, remaining, List.of(), null, null);
        }
        return new Outcome(written, null, remaining, unknown, failure, failedApp);
      }
      return new Outcome(written, null, List.of(), List.of(), null, null);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** Attempts a batch: inline when alone or without a pool, else concurrently. */
  private static List<Attempt> run(
      SecretStore store,
      SyncPlan plan,
      List<PlannedOperation> batch,
      @Nullable ExecutorService pool) {
    if (pool == null || batch.size() == 1) {
      return batch.stream().map(op -> attempt(store, plan, op)).toList();
    }
    List<Future<Attempt>> futures = new ArrayList<>();
    for (PlannedOperation op : batch) {
      futures.add(pool.submit(() -> attempt(store, plan, op)));
    }
    List<Attempt> out = new ArrayList<>();
    for (Future<Attempt> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PhalanxSecretsException("interrupted while writing", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    return out;
  }

  private static Attempt attempt(SecretStore store, SyncPlan plan, PlannedOperation op) {
    try {
      perform(store, plan, op);
      return new Attempt(Result.WRITTEN, null);
    } catch (CheckAndSetException e) {
      return new Attempt(
          settle(store, plan, op) == Boolean.TRUE ? Result.WRITTEN : Result.CONFLICT, e);
    } catch (UnsupportedOperationException e) {
      return new Attempt(Result.NOT_WRITTEN, e);
    } catch (PhalanxSecretsException e) {
      Boolean landed = settle(store, plan, op);
      return new Attempt(
          landed == null ? Result.UNKNOWN : landed ? Result.WRITTEN : Result.NOT_WRITTEN, e);
    }
  }

  private static void perform(SecretStore store, SyncPlan plan, PlannedOperation op) {
    switch (op.kind()) {
      case CREATE_APPLICATION, UPDATE_APPLICATION ->
          store.write(
              op.application(), plan.content(op.application()), plan.condition(op.application()));
      case DELETE_APPLICATION -> store.delete(op.application());
    }
  }

  /**
   * Reads an application back after its write failed: whether the store holds what was written (for
   * a delete: holds nothing), or null when it cannot be read.
   */
  private static @Nullable Boolean settle(SecretStore store, SyncPlan plan, PlannedOperation op) {
    Optional<StoredApplication> now;
    try {
      now = store.read(op.application());
    } catch (PhalanxSecretsException | UnsupportedOperationException e) {
      LOG.debug("reading application {} back failed: {}", op.application(), e.getMessage());
      return null;
    }
    boolean present = now.isPresent() && now.get().isPresent();
    if (op.kind() == PlannedOperation.Kind.DELETE_APPLICATION) {
      return !present;
    }
    Map<String, SecretValue> content = plan.content(op.application());
    return present && now.get().data().equals(content);
  }

  private static List<String> names(List<PlannedOperation> ops) {
    return ops.stream().map(PlannedOperation::application).toList();
  }
}
