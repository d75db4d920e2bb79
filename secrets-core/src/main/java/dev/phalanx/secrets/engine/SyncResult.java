package dev.phalanx.secrets.engine;

import java.util.List;

/**
 * What a sync did.
 *
 * @param applied every operation performed, in order (empty when the store was in line)
 * @param rounds how many plan-and-apply rounds it took (more than one after concurrent changes)
 * @param warnings conditions worth knowing, without values
 */
public record SyncResult(List<PlannedOperation> applied, int rounds, List<String> warnings) {

  /** Copies the lists. */
  public SyncResult {
    applied = List.copyOf(applied);
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether anything was written.
   *
   * @return true when at least one operation was performed
   */
  public boolean changed() {
    return !applied.isEmpty();
  }
}
