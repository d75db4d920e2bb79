package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.spi.SourceConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The source's options, parsed and checked all at once; every problem is reported together.
 *
 * @param layout which vault layout to read
 * @param vaultTitle the vault title override, or null to use the environment's (the legacy layout
 *     defaults to {@code RSP-Vault})
 * @param connectUrl the Connect URL override, or null to use the environment's
 * @param missing what to do about missing items and fields
 * @param concurrency how many items are fetched at once
 * @param connectTimeout the connect timeout of every request
 * @param requestTimeout the timeout of every request
 * @param retry the retry settings
 */
record OnePasswordOptions(
    Layout layout,
    @Nullable String vaultTitle,
    @Nullable String connectUrl,
    Missing missing,
    int concurrency,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryingTransport.RetryPolicy retry) {

  static final String LEGACY_VAULT = "RSP-Vault";

  static final Set<String> NAMES =
      Set.of(
          "layout",
          "vault-title",
          "connect-url",
          "missing",
          "concurrency",
          "connect-timeout",
          "request-timeout",
          "retry-max-attempts",
          "retry-initial-backoff",
          "retry-max-backoff",
          "retry-after-max");

  /** The vault layout. */
  enum Layout {
    /** One vault per environment, one item per application (current Phalanx). */
    ENVIRONMENT,
    /** One shared vault, items tagged with {@code generate_secrets_key} (old Phalanx). */
    LEGACY
  }

  /** What a missing item or field means. */
  enum Missing {
    /** Every missing item and field is reported together in one error (Phalanx's behaviour). */
    ERROR,
    /** Missing secrets are left without a value and listed in one warning. */
    WARN
  }

  static OnePasswordOptions parse(SourceConfig config) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> o = config.options();
    Set<String> unknown = new TreeSet<>(o.keySet());
    unknown.removeAll(NAMES);
    for (String name : unknown) {
      problems.add(
          new Problem(null, "option " + name, "unknown option; known: " + new TreeSet<>(NAMES)));
    }
    Layout layout = choice(o, "layout", Layout.class, Layout.ENVIRONMENT, problems);
    Missing missing = choice(o, "missing", Missing.class, Missing.ERROR, problems);
    int concurrency = integer(o, "concurrency", 8, 1, 64, problems);
    Duration connectTimeout = duration(o, "connect-timeout", Duration.ofSeconds(10), problems);
    Duration requestTimeout = duration(o, "request-timeout", Duration.ofSeconds(30), problems);
    int attempts = integer(o, "retry-max-attempts", 4, 1, 20, problems);
    Duration initial = duration(o, "retry-initial-backoff", Duration.ofMillis(500), problems);
    Duration max = duration(o, "retry-max-backoff", Duration.ofSeconds(10), problems);
    Duration retryAfterMax = duration(o, "retry-after-max", Duration.ofSeconds(60), problems);
    for (Map.Entry<String, Duration> t :
        Map.of("connect-timeout", connectTimeout, "request-timeout", requestTimeout).entrySet()) {
      if (t.getValue().isZero()) {
        problems.add(new Problem(null, "option " + t.getKey(), "must be more than zero"));
      }
    }
    String vaultTitle = nonBlank(o, "vault-title", problems);
    String connectUrl = nonBlank(o, "connect-url", problems);
    if (!config.location().isBlank()) {
      problems.add(
          new Problem(
              null,
              "location",
              "the onepassword source takes no location (use onepassword: and the options"
                  + " connect-url and vault-title)"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new OnePasswordOptions(
        layout,
        vaultTitle,
        connectUrl,
        missing,
        concurrency,
        connectTimeout,
        requestTimeout,
        new RetryingTransport.RetryPolicy(attempts, initial, max, retryAfterMax));
  }

  private static <E extends Enum<E>> E choice(
      Map<String, String> o, String name, Class<E> type, E fallback, List<Problem> problems) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name().toLowerCase(Locale.ROOT));
      }
      problems.add(new Problem(null, "option " + name, "'" + v + "' is not one of " + allowed));
      return fallback;
    }
  }

  private static int integer(
      Map<String, String> o, String name, int fallback, int min, int max, List<Problem> problems) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        new Problem(
            null,
            "option " + name,
            "'" + v + "' is not a whole number from " + min + " to " + max));
    return fallback;
  }

  /** {@code 250ms}, {@code 10s}, {@code 2m}, or an ISO-8601 duration such as {@code PT10S}. */
  static Optional<Duration> parseDuration(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (v.startsWith("p")) {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } else if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else {
        return Optional.empty();
      }
      return d.isNegative() ? Optional.empty() : Optional.of(d);
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration duration(
      Map<String, String> o, String name, Duration fallback, List<Problem> problems) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    Optional<Duration> d = parseDuration(v);
    if (d.isEmpty()) {
      problems.add(
          new Problem(
              null, "option " + name, "'" + v + "' is not a duration such as 250ms, 10s or 2m"));
      return fallback;
    }
    return d.get();
  }

  private static @Nullable String nonBlank(
      Map<String, String> o, String name, List<Problem> problems) {
    String v = o.get(name);
    if (v == null) {
      return null;
    }
    if (v.isBlank()) {
      problems.add(new Problem(null, "option " + name, "must not be empty"));
      return null;
    }
    return v;
  }
}
