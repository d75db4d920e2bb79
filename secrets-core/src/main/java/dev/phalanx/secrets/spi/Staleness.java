package dev.phalanx.secrets.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A generator's verdict on an existing value: still good for its current inputs, or stale and to be
 * regenerated, with a reason fit for a report (never containing a value).
 *
 * @param stale whether the value must be regenerated
 * @param reason why it is stale, null when fresh
 */
public record Staleness(boolean stale, @Nullable String reason) {

  private static final Staleness FRESH = new Staleness(false, null);

  /** Checks that a stale verdict has a reason. */
  public Staleness {
    if (stale) {
      Objects.requireNonNull(reason, "a stale verdict needs a reason");
    }
  }

  /**
   * The value is good.
   *
   * @return the fresh verdict
   */
  public static Staleness fresh() {
    return FRESH;
  }

  /**
   * The value must be regenerated.
   *
   * @param reason why, e.g. "hash does not match its source"; no secret values
   * @return the stale verdict
   */
  public static Staleness stale(String reason) {
    return new Staleness(true, reason);
  }
}
