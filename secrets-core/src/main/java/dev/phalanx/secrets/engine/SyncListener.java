package dev.phalanx.secrets.engine;

/** Follows a sync as it applies its plan, e.g. to show progress. Called on the syncing thread. */
public interface SyncListener {

  /** Does nothing. */
  SyncListener NONE = new SyncListener() {};

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
  default void computing(dev.phalanx.secrets.SecretRef secret, String what) {}
}
