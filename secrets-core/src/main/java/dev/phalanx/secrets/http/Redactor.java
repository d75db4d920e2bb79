package dev.phalanx.secrets.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.phalanx.secrets.SecretValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes secrets (a token, the values a request sent or a response brought) from a server's error
 * text before it goes into a message, in case the server or a proxy echoes a request back.
 *
 * <p>Each secret is searched in every form an echo may take: as is, JSON-escaped (a multi-line PEM
 * key becomes one line with {@code \n}; quotes and backslashes are escaped), JSON-escaped with
 * {@code \/} and with non-ASCII as {@code \}{@code uXXXX}, escaped twice (a JSON body quoted inside
 * a JSON string), with its white space folded, and line by line (a key shortened by the server
 * still loses every whole line). {@link #clean} redacts before it folds white space and shortens,
 * so that shortening never leaves a secret unrecognised. Secrets shorter than {@value #MIN_LENGTH}
 * characters are left alone: replacing them would garble every message while hiding next to
 * nothing.
 *
 * <p>Thread-safe: a backend may add values it reads while other threads report errors.
 */
public final class Redactor {

  /** The shortest secret (and line of a multi-line secret) that is redacted. */
  public static final int MIN_LENGTH = 4;

  /** What a secret is replaced with. */
  public static final String MASK = "[redacted]";

  private static final int MIN_LINE = 8;

  private final Set<String> forms = new LinkedHashSet<>();
  private volatile List<String> longestFirst = List.of();

  private Redactor() {}

  /**
   * A redactor of the given secrets.
   *
   * @param secrets strings, {@link SecretValue}s, Jackson trees, maps (their values) and iterables
   *     of these; nulls are skipped
   * @return the redactor
   */
  public static Redactor of(@Nullable Object... secrets) {
    Redactor r = new Redactor();
    for (Object s : secrets) {
      r.add(s);
    }
    return r;
  }

  /**
   * Adds secrets.
   *
   * @param secret a string, a {@link SecretValue}, a Jackson tree, a map (its values) or an
   *     iterable of these; null is skipped
   * @return this redactor
   */
  public Redactor add(@Nullable Object secret) {
    List<String> values = new ArrayList<>();
    collect(secret, values);
    if (values.isEmpty()) {
      return this;
    }
    synchronized (forms) {
      for (String v : values) {
        if (v.length() >= MIN_LENGTH) {
          forms.addAll(formsOf(v));
        }
      }
      List<String> sorted = new ArrayList<>(forms);
      sorted.removeIf(f -> f.length() < MIN_LENGTH);
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      longestFirst = List.copyOf(sorted);
    }
    return this;
  }

  private static void collect(@Nullable Object node, List<String> out) {
    if (node instanceof String s) {
      out.add(s);
    } else if (node instanceof SecretValue v) {
      out.add(v.reveal());
    } else if (node instanceof JsonNode json) {
      if (json.isTextual()) {
        out.add(json.textValue());
      } else {
        json.forEach(child -> collect(child, out));
      }
    } else if (node instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, out));
    } else if (node instanceof Iterable<?> list) {
      list.forEach(v -> collect(v, out));
    }
  }

  static Set<String> formsOf(String v) {
    Set<String> out = new LinkedHashSet<>();
    out.add(v);
    String escaped = escape(v);
    out.add(escaped);
    out.add(escaped.replace("/", "\\/"));
    out.add(asciiOnly(escaped, false));
    out.add(asciiOnly(escaped, true));
    out.add(escape(escaped));
    out.add(v.replaceAll("\\s+", " ").strip());
    if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      for (String line : v.split("\\R")) {
        String l = line.strip();
        if (l.length() >= MIN_LINE) {
          out.add(l);
          out.add(escape(l));
        }
      }
    }
    return out;
  }

  private static String escape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }

  private static String asciiOnly(String s, boolean upper) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b.append(c);
      } else {
        String hex = String.format(Locale.ROOT, "%04x", (int) c);
        b.append("\\u").append(upper ? hex.toUpperCase(Locale.ROOT) : hex);
      }
    }
    return b.toString();
  }

  /**
   * Replaces every form of every secret.
   *
   * @param text the text, or null
   * @return the text with each secret replaced by {@value #MASK}; empty for null
   */
  public String apply(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String f : longestFirst) {
      out = out.replace(f, MASK);
    }
    return out;
  }

  /**
   * Makes a server's text fit for a message: redacted, control characters and runs of white space
   * folded to one space, redacted again, then shortened.
   *
   * @param text the server's text, or null
   * @param maxChars the longest result, an ellipsis added when shortened
   * @return the text, empty for null
   */
  public String clean(@Nullable String text, int maxChars) {
    String folded = apply(text).replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    String out = apply(folded);
    return out.length() > maxChars ? out.substring(0, maxChars) + "…" : out;
  }

  /** The number of forms only. */
  @Override
  public String toString() {
    return "Redactor[" + longestFirst.size() + " forms]";
  }
}
