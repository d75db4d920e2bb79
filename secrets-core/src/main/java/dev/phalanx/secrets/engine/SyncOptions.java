package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Options of audit, plan and sync. Immutable; start from {@link #defaults()}.
 *
 * @param exclude applications to leave alone entirely: not written, not reported, not deleted
 * @param delete whether sync deletes keys and applications the environment does not require
 * @param regenerateAll whether every generated secret gets a new value
 * @param regenerate generated secrets to give a new value even without {@code regenerateAll}
 */
public record SyncOptions(
    SortedSet<String> exclude,
    boolean delete,
    boolean regenerateAll,
    SortedSet<SecretRef> regenerate) {

  private static final SyncOptions DEFAULTS =
      new SyncOptions(new TreeSet<>(), false, false, new TreeSet<>());

  /** Copies the sets. */
  public SyncOptions {
    exclude = Collections.unmodifiableSortedSet(new TreeSet<>(exclude));
    regenerate = Collections.unmodifiableSortedSet(new TreeSet<>(regenerate));
  }

  /**
   * No exclusions, no deletion, no regeneration.
   *
   * @return the defaults
   */
  public static SyncOptions defaults() {
    return DEFAULTS;
  }

  /**
   * With these applications excluded.
   *
   * @param applications the applications
   * @return new options
   */
  public SyncOptions withExclude(Collection<String> applications) {
    return new SyncOptions(new TreeSet<>(applications), delete, regenerateAll, regenerate);
  }

  /**
   * With deletion of unknown secrets on or off.
   *
   * @param delete whether to delete
   * @return new options
   */
  public SyncOptions withDelete(boolean delete) {
    return new SyncOptions(exclude, delete, regenerateAll, regenerate);
  }

  /**
   * With every generated secret regenerated, or not.
   *
   * @param all whether to regenerate all
   * @return new options
   */
  public SyncOptions withRegenerateAll(boolean all) {
    return new SyncOptions(exclude, delete, all, regenerate);
  }

  /**
   * With these generated secrets regenerated.
   *
   * @param refs the secrets
   * @return new options
   */
  public SyncOptions withRegenerate(Collection<SecretRef> refs) {
    return new SyncOptions(exclude, delete, regenerateAll, new TreeSet<>(refs));
  }

  boolean excluded(String application) {
    return exclude.contains(application);
  }

  boolean regenerates(SecretRef ref) {
    return regenerateAll || regenerate.contains(ref);
  }

  /** Explicit regeneration of {@code refs} minus {@code done}; {@code regenerateAll} is off. */
  SyncOptions regeneratingOnly(Set<SecretRef> refs, Set<SecretRef> done) {
    TreeSet<SecretRef> left = new TreeSet<>(refs);
    left.removeAll(done);
    return new SyncOptions(exclude, delete, false, left);
  }
}
