package dev.phalanx.secrets.engine;

import java.util.Objects;

/**
 * One key of an application that a sync sets or deletes.
 *
 * @param key the secret key
 * @param action what happens to it
 * @param reason why, e.g. "generated (not in the store)"; never a value
 */
public record KeyChange(String key, Action action, String reason) {

  /** Checks the arguments. */
  public KeyChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** What happens to a key. */
  public enum Action {
    /** The key is new. */
    ADD,
    /** The key gets another value. */
    CHANGE,
    /** The key is removed. */
    DELETE
  }
}
