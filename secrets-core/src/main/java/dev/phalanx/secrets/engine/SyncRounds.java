package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SyncFailedException;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan-and-apply rounds of {@link SecretsEngine#sync}: read, resolve, plan and apply; after a
 * refused conditional write, again, at most {@link SecretsEngine#MAX_ROUNDS} times. A secret
 * written in one round is not regenerated again in the next.
 */
final class SyncRounds {

  private static final Logger LOG = LoggerFactory.getLogger(SecretsEngine.class);

  private final Resolver resolver;
  private final int writeConcurrency;

  SyncRounds(Resolver resolver, int writeConcurrency) {
    this.resolver = resolver;
    this.writeConcurrency = writeConcurrency;
  }

  /**
   * Runs the rounds; the store is writable and the options' regeneration checked.
   *
   * @throws dev.phalanx.secrets.UnresolvedSecretsException before writing anything, when secrets
   *     cannot be resolved
   * @throws SyncFailedException when a write fails part-way, or conflicts persist
   */
  SyncResult run(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options,
      SyncListener listener) {
    Set<SecretRef> regenerate = Regeneration.forEveryRound(env, options, resolver);
    Set<SecretRef> written = new HashSet<>();
    List<PlannedOperation> applied = new ArrayList<>();
    Set<String> writtenApps = new LinkedHashSet<>();
    List<String> notWritten = List.of();
    for (int round = 1; round <= SecretsEngine.MAX_ROUNDS; round++) {
      SyncOptions roundOptions = options.regeneratingOnly(regenerate, written);
      Map<String, StoredApplication> stored = Snapshots.read(env, statics, store);
      Resolution resolution = resolver.resolve(env, statics, stored, roundOptions, listener);
      SyncPlan plan =
          Snapshots.plan(Comparison.of(env, resolution, stored, roundOptions, store.warnings()));
      Applier.Outcome outcome = Applier.apply(store, plan, listener, true, writeConcurrency);
      for (PlannedOperation op : outcome.written()) {
        applied.add(op);
        writtenApps.add(op.application());
        op.changes().forEach(c -> written.add(new SecretRef(op.application(), c.key())));
      }
      if (outcome.failure() != null) {
        throw outcome.exception(writtenApps);
      }
      if (outcome.conflict() == null) {
        LOG.debug("sync of {} done: {} operations in {} rounds", env.name(), applied.size(), round);
        return new SyncResult(applied, round, plan.warnings());
      }
      notWritten = outcome.remaining();
      if (round < SecretsEngine.MAX_ROUNDS) {
        listener.replanning(outcome.conflict(), round + 1);
      }
    }
    throw new SyncFailedException(
        "concurrent changes kept conflicting after " + SecretsEngine.MAX_ROUNDS + " rounds",
        List.copyOf(writtenApps),
        notWritten,
        new CheckAndSetException("", "too many conflicts"));
  }
}
