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

  /**
   * Applies the plan's operations in order, stopping at the first that is not written.
   *
   * @param replanOnConflict whether a conflict stops quietly for re-planning (sync) rather than
   *     failing (apply)
   */
  static Outcome apply(
      SecretStore store, SyncPlan plan, SyncListener listener, boolean replanOnConflict) {
    List<PlannedOperation> ops = plan.operations();
    List<PlannedOperation> written = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      PlannedOperation op = ops.get(i);
      RuntimeException error = null;
      Result result;
      try {
        perform(store, plan, op);
        result = Result.WRITTEN;
      } catch (CheckAndSetException e) {
        error = e;
        result = settle(store, plan, op) == Boolean.TRUE ? Result.WRITTEN : Result.CONFLICT;
      } catch (UnsupportedOperationException e) {
        error = e;
        result = Result.NOT_WRITTEN;
      } catch (PhalanxSecretsException e) {
        error = e;
        Boolean landed = settle(store, plan, op);
        result = landed == null ? Result.UNKNOWN : landed ? Result.WRITTEN : Result.NOT_WRITTEN;
      }
      if (result == Result.WRITTEN) {
        if (error != null) {
          LOG.info(
              "writing application {} reported a failure, but reading it back shows it written",
              op.application());
        }
        written.add(op);
        listener.applied(op, i + 1, ops.size());
        continue;
      }
      List<String> rest = names(ops.subList(i + 1, ops.size()));
      if (result == Result.CONFLICT && replanOnConflict) {
        LOG.debug("conditional write of {} refused; re-planning", op.application());
        return new Outcome(
            written, op.application(), with(op.application(), rest), List.of(), null, null);
      }
      if (result == Result.UNKNOWN) {
        return new Outcome(written, null, rest, List.of(op.application()), error, op.application());
      }
      return new Outcome(
          written, null, with(op.application(), rest), List.of(), error, op.application());
    }
    return new Outcome(written, null, List.of(), List.of(), null, null);
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

  private static List<String> with(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }
}
