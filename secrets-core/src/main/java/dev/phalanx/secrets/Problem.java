package dev.phalanx.secrets;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in the configuration or during resolution. Never contains a secret value.
 *
 * @param location where the problem is, or null when it belongs to no file
 * @param subject what the problem is about (a secret {@code app/key}, an application, a field), or
 *     null
 * @param message what is wrong, as a sentence fragment without a trailing period
 */
public record Problem(@Nullable Location location, @Nullable String subject, String message)
    implements Comparable<Problem> {

  /** Checks that the message is present. */
  public Problem {
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Problem o) {
    return toString().compareTo(o.toString());
  }

  /** {@code file:line: subject: message}, leaving out the parts that are absent. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (location != null) {
      sb.append(location).append(": ");
    }
    if (subject != null) {
      sb.append(subject).append(": ");
    }
    return sb.append(message).toString();
  }
}
