package dev.phalanx.secrets.vault;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link VaultConnection#copySecrets(String, String, boolean)} did.
 *
 * @param from the source prefix, {@code <mount>/<path>}
 * @param to the target prefix
 * @param copied the applications written at the target, sorted
 * @param overwritten of those, the ones that held a live version at the target before, with that
 *     version (still in the target's KV history)
 * @param skippedFolders sub-folders of the source, not copied (names end with {@code /})
 */
public record CopyResult(
    String from,
    String to,
    List<String> copied,
    Map<String, Long> overwritten,
    List<String> skippedFolders) {

  /** Copies the collections. */
  public CopyResult {
    copied = List.copyOf(copied);
    overwritten = Collections.unmodifiableSortedMap(new TreeMap<>(overwritten));
    skippedFolders = List.copyOf(skippedFolders);
  }
}
