package dev.phalanx.secrets.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every option and command: a whole number and a unit, {@code ms},
 * {@code s}, {@code m}, {@code h} or {@code d} ({@code 250ms}, {@code 30s}, {@code 10m}, {@code
 * 12h}, {@code 3650d}), or a plain whole number of seconds ({@code 30}). Never negative.
 */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

  /** What a valid duration looks like, for messages. */
  public static final String FORMS =
      "a whole number with a unit ms, s, m, h or d, such as 250ms, 30s, 10m, 12h or 3650d"
          + " (a plain number is seconds)";

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text the text, e.g. {@code 30s}
   * @return the duration, zero or more
   * @throws IllegalArgumentException when the text is not a duration; the message quotes it and
   *     says what is expected
   */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; write " + FORMS);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
