package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import java.util.Objects;

/**
 * Follows a sync as it applies its plan, e.g. to show progress. Called on the syncing thread.
 * Implement the methods of interest, or pass a lambda to {@link #onApplied}:
 *
 * <pre>{@code
 * // with: SecretsEngine engine, PhalanxEnvironment env, StaticSecrets statics, SecretStore store,
 * //   SyncOptions options, Logger log
 * engine.sync(env, statics, store, options,
 *     SyncListener.onApplied((op, done, total) -> log.info("{}/{} {}", done, total, op.application())));
 * }</pre>
 */
public interface SyncListener {

  /** Does nothing. */
  SyncListener NONE = new SyncListener() {};

  /**
   * A listener that calls {@code applied} after each operation, and ignores the other events.
   *
   * @param applied what to do after each operation
   * @return the listener
   */
  static SyncListener onApplied(Applied applied) {
    Objects.requireNonNull(applied, "applied");
    return new SyncListener() {
      @Override
      public void applied(PlannedOperation operation, int done, int total) {
        applied.applied(operation, done, total);
      }
    };
  }

  /** {@link #applied} as a functional interface, for {@link #onApplied}. */
  @FunctionalInterface
  interface Applied {
    /**
     * An operation was applied.
     *
     * @param operation the operation
     * @param done how many operations are done, this one included
     * @param total how many the plan has
     */
    void applied(PlannedOperation operation, int done, int total);
  }

  /**
   * An operation was applied.
   *
   * @param operation the operation
   * @param done how many operations are done, this one included
   * @param total how many the plan has
   */
  default void applied(PlannedOperation operation, int done, int total) {}

  /**
   * A conflicting concurrent change was found; the sync re-reads the store and plans again.
   *
   * @param application the application whose conditional write was refused
   * @param round the round about to start, from 2
   */
  default void replanning(String application, int round) {}

  /**
   * A slow computation starts (a generator that declares itself {@link
   * dev.phalanx.secrets.spi.SecretGenerator#slow() slow}, e.g. a bcrypt hash at cost 15 takes
   * seconds): {@code what} is {@code "generating"} or {@code "verifying"}. Verifications that a
   * {@link VerificationMemo} remembers are not reported, since they do not run.
   *
   * @param secret the secret
   * @param what what is being done, a short verb
   */
  default void computing(SecretRef secret, String what) {}
}
