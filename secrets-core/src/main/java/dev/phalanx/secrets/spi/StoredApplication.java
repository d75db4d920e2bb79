package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The secrets of one application as a store holds them.
 *
 * @param application the application name
 * @param data secret key to value, sorted by key; empty when {@link #state()} is not {@link
 *     State#PRESENT}
 * @param version the store's version of this application (KV v2 version; 1 for an unversioned
 *     store's live entry); needed for check-and-set writes
 * @param state whether the latest version is live, soft-deleted or destroyed
 */
public record StoredApplication(
    String application, Map<String, SecretValue> data, long version, State state) {

  /** Copies the data into an unmodifiable sorted map. */
  public StoredApplication {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(state, "state");
    data = Collections.unmodifiableMap(new TreeMap<>(data));
    if (state != State.PRESENT && !data.isEmpty()) {
      throw new IllegalArgumentException("a deleted application has no data");
    }
  }

  /**
   * A live application.
   *
   * @param application the name
   * @param data its secrets
   * @param version its version
   * @return the stored application
   */
  public static StoredApplication present(
      String application, Map<String, SecretValue> data, long version) {
    return new StoredApplication(application, data, version, State.PRESENT);
  }

  /**
   * Whether the latest version is live.
   *
   * @return true when present
   */
  public boolean isPresent() {
    return state == State.PRESENT;
  }

  /** The state of an application's latest version. */
  public enum State {
    /** Live data. */
    PRESENT,
    /** The latest version was soft-deleted (recoverable). */
    DELETED,
    /** The latest version was destroyed. */
    DESTROYED
  }
}
