package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoredApplication;
import java.util.Map;
import java.util.TreeMap;

/** What a store holds, read in one go, for assertions in tests. */
public final class StoreContents {

  private StoreContents() {}

  /**
   * Every live value of a store, by reference, revealed (test code only).
   *
   * @param store the store
   * @return the values, sorted by reference
   */
  public static Map<SecretRef, String> values(SecretStore store) {
    Map<SecretRef, String> out = new TreeMap<>();
    contents(store)
        .forEach(
            (app, content) ->
                content.data().forEach((k, v) -> out.put(new SecretRef(app, k), v.reveal())));
    return out;
  }

  /**
   * The version of every application of a store, live or not.
   *
   * @param store the store
   * @return the versions, sorted by application
   */
  public static Map<String, Long> versions(SecretStore store) {
    Map<String, Long> out = new TreeMap<>();
    contents(store).forEach((app, content) -> out.put(app, content.version()));
    return out;
  }

  /**
   * Every application of a store, live or not.
   *
   * @param store the store
   * @return the applications' contents, sorted by application
   */
  public static Map<String, StoredApplication> contents(SecretStore store) {
    return new TreeMap<>(store.readAll(store.listApplications()));
  }
}
