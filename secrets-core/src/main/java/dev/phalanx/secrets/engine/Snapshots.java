package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One snapshot of the store, resolved and compared: what {@link SecretsEngine#audit}, {@link
 * SecretsEngine#plan} and each of {@link SyncRounds} work from.
 */
final class Snapshots {

  private final Resolver resolver;

  Snapshots(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Reads what the store holds for an environment: every listed application, every application with
   * required secrets, and the pull secret (absent applications are left out).
   */
  static Map<String, StoredApplication> read(PhalanxEnvironment env, SecretStore store) {
    return read(env, null, store);
  }

  /**
   * {@link #read(PhalanxEnvironment, SecretStore)}, naming the pull secret among the applications
   * the store reads at once when the static secrets have one: a store that reads them while it
   * lists (Vault) then needs no second round of reads for it once the listing is back (a round trip
   * less per audit). The reads are the same, but for one that finds nothing when the store has no
   * pull secret yet (a first sync, which then writes it).
   */
  static Map<String, StoredApplication> read(
      PhalanxEnvironment env, @Nullable StaticSecrets statics, SecretStore store) {
    SortedSet<String> apps = new TreeSet<>();
    env.secrets().forEach(s -> apps.add(s.application()));
    if (statics != null && statics.pullSecret().isPresent()) {
      apps.add(PullSecrets.APPLICATION);
    }
    return store.snapshot(apps);
  }

  /**
   * Reads, resolves and compares: the one comparison audit and plan are views of. With {@code
   * compareOnly} (audit: a report without values) fresh values the outcome cannot depend on are not
   * computed.
   */
  Comparison compare(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options,
      boolean compareOnly) {
    Map<String, StoredApplication> stored = read(env, statics, store);
    Regeneration.check(env, options);
    Resolution resolution =
        resolver.resolve(env, statics, stored, options, SyncListener.NONE, compareOnly);
    return Comparison.of(env, resolution, stored, options, store.warnings());
  }

  /** The plan of a comparison, or the problems that leave secrets unresolved. */
  static SyncPlan plan(Comparison comparison) {
    if (!comparison.problems().isEmpty()) {
      throw new UnresolvedSecretsException(comparison.problems());
    }
    return Planner.plan(comparison);
  }
}
