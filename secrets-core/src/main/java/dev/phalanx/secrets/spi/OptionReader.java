package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a provider's {@code key=value} options into typed values, collecting every problem instead
 * of stopping at the first, so that a user can fix them all in one go. Every provider reads its
 * options through one of these (for implementers of {@link SecretStoreProvider} and {@link
 * SecretSourceProvider}).
 *
 * <p>Each read names an option and so declares it known; {@link #check()} then reports the options
 * nobody read as unknown, and throws one {@link ConfigurationException} with every problem. A
 * problem about an option has the subject {@code option NAME} and a message that quotes the value
 * (options never hold secrets: those are credentials) and says what is expected.
 *
 * <pre>{@code
 * // with: StoreConfig config
 * OptionReader options = OptionReader.of("example store", config.options());
 * int concurrency = options.integer("concurrency", 8, 1, 64);
 * Duration timeout = options.positiveDuration("request-timeout", Duration.ofSeconds(30));
 * options.check();
 * }</pre>
 *
 * <p>Not thread-safe; use one per configuration.
 */
public final class OptionReader {

  private static final Logger LOG = LoggerFactory.getLogger(OptionReader.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final String owner;
  private final Map<String, String> options;
  private final Set<String> known = new TreeSet<>();
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private OptionReader(String owner, Map<String, String> options) {
    this.owner = owner;
    this.options = new LinkedHashMap<>(options);
  }

  /**
   * A reader of one provider's options.
   *
   * @param owner what the options configure, for messages, e.g. {@code vault store}
   * @param options the options as given
   * @return the reader
   */
  public static OptionReader of(String owner, Map<String, String> options) {
    return new OptionReader(owner, options);
  }

  /**
   * Accepts an old name for an option for one more release: its value is read under the new name,
   * with a deprecation warning (logged once per process, and kept in {@link #warnings()}). Giving
   * both names is a problem. Call before reading the new name.
   *
   * @param oldName the deprecated name
   * @param newName the name to use instead
   * @return this reader
   */
  public OptionReader deprecatedAlias(String oldName, String newName) {
    known.add(oldName);
    String value = options.remove(oldName);
    if (value == null) {
      return this;
    }
    if (options.containsKey(newName)) {
      problem("option " + oldName, "is the deprecated name of " + newName + "; give only one");
      return this;
    }
    options.put(newName, value);
    String warning =
        "option "
            + oldName
            + " of the "
            + owner
            + " is deprecated and will be removed in the next release; use "
            + newName;
    warnings.add(warning);
    if (WARNED.add(owner + "\0" + oldName)) {
      LOG.warn("{}", warning);
    }
    return this;
  }

  /**
   * Declares options that are read elsewhere (as raw strings), so that they are not unknown.
   *
   * @param names the option names
   * @return this reader
   */
  public OptionReader known(String... names) {
    known.addAll(List.of(names));
    return this;
  }

  /**
   * Whether an option is given.
   *
   * @param name the option
   * @return true when it is present
   */
  public boolean has(String name) {
    known.add(name);
    return options.containsKey(name);
  }

  /**
   * A text option; an empty value is a problem.
   *
   * @param name the option
   * @return the value, stripped, or null when absent (or empty)
   */
  public @Nullable String string(String name) {
    String v = raw(name);
    if (v == null) {
      return null;
    }
    if (v.isBlank()) {
      problem("option " + name, "must not be empty");
      return null;
    }
    return v.strip();
  }

  /**
   * A text option with a default.
   *
   * @param name the option
   * @param fallback the value when absent
   * @return the value
   */
  public String string(String name, String fallback) {
    String v = string(name);
    return v == null ? fallback : v;
  }

  /**
   * A whole number within a range.
   *
   * @param name the option
   * @param fallback the value when absent (or invalid)
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value
   */
  public int integer(String name, int fallback, int min, int max) {
    String v = raw(name);
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
    problem("option " + name, "'" + v + "' is not a whole number from " + min + " to " + max);
    return fallback;
  }

  /**
   * A duration in the one grammar of {@link Durations}; zero is allowed.
   *
   * @param name the option
   * @param fallback the value when absent (or invalid)
   * @return the value
   */
  public Duration duration(String name, Duration fallback) {
    String v = raw(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      problem("option " + name, String.valueOf(e.getMessage()));
      return fallback;
    }
  }

  /**
   * A duration that must be more than zero (a timeout).
   *
   * @param name the option
   * @param fallback the value when absent (or invalid)
   * @return the value
   */
  public Duration positiveDuration(String name, Duration fallback) {
    Duration d = duration(name, fallback);
    if (d.isZero()) {
      problem("option " + name, "must be more than zero");
      return fallback;
    }
    return d;
  }

  /**
   * One of an enum's constants, written in lower case with {@code -} for {@code _}.
   *
   * @param <E> the enum
   * @param name the option
   * @param type the enum class
   * @param fallback the value when absent (or invalid)
   * @return the value
   */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    String v = raw(name);
    if (v == null) {
      return fallback;
    }
    List<String> allowed = new ArrayList<>();
    for (E c : type.getEnumConstants()) {
      String written = c.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (written.equals(v.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
      allowed.add(written);
    }
    problem("option " + name, "'" + v + "' is not one of " + allowed);
    return fallback;
  }

  /**
   * {@code true} or {@code false}.
   *
   * @param name the option
   * @param fallback the value when absent (or invalid)
   * @return the value
   */
  public boolean bool(String name, boolean fallback) {
    String v = raw(name);
    if (v == null) {
      return fallback;
    }
    String s = v.strip().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return s.equals("true");
    }
    problem("option " + name, "'" + v + "' is not true or false");
    return fallback;
  }

  /**
   * Adds a problem found by the caller (a location, a combination of options).
   *
   * @param subject what it is about, or null
   * @param message what is wrong
   */
  public void problem(@Nullable String subject, String message) {
    problems.add(new Problem(null, subject, message));
  }

  /**
   * The problems found so far, unknown options not included until {@link #check()}.
   *
   * @return the problems
   */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /**
   * The deprecation warnings of this configuration.
   *
   * @return the warnings, empty when no deprecated name was used
   */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Reports every option not read as unknown, then throws when there is any problem.
   *
   * @throws ConfigurationException with every problem found
   */
  public void check() {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty() && known.isEmpty()) {
      problems.add(
          0, new Problem(null, null, "the " + owner + " takes no options; got " + unknown));
    } else {
      int i = 0;
      for (String name : unknown) {
        problems.add(
            i++,
            new Problem(null, "option " + name, "unknown " + owner + " option; known: " + known));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  private @Nullable String raw(String name) {
    known.add(name);
    return options.get(name);
  }
}
