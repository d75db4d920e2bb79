package dev.phalanx.secrets.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Distinctive secret values the kits write or serve, and the check that none of them shows up in
 * text meant for people (messages, {@code toString()}, warnings).
 */
final class Canaries {

  /** Every canary contains this marker, so any leak of any of them is found by one search. */
  static final String MARKER = "c4nary";

  private Canaries() {}

  /**
   * A canary value.
   *
   * @param name what the value is for, to tell canaries apart
   * @return a value containing {@link #MARKER}
   */
  static String text(String name) {
    return "s3cret-" + MARKER + "-" + name + "-Zq8";
  }

  static SecretValue value(String name) {
    return SecretValue.of(text(name));
  }

  /**
   * Asserts that a text meant for people reveals no canary. The assertion message names what was
   * checked but never quotes the text, so a failing kit does not print the secret either.
   */
  static void assertNoCanary(String what, @Nullable String text) {
    boolean leaks = text != null && text.contains(MARKER);
    assertThat(leaks).as("%s must not contain a secret value", what).isFalse();
  }

  /**
   * Asserts that neither the exception nor any of its causes or suppressed ones reveal a canary.
   */
  static void assertNoCanary(String what, Throwable thrown) {
    List<Throwable> all = new ArrayList<>();
    collect(thrown, all);
    for (Throwable t : all) {
      assertNoCanary(what + " (" + t.getClass().getName() + " message)", t.getMessage());
      assertNoCanary(what + " (" + t.getClass().getName() + " toString)", t.toString());
    }
  }

  private static void collect(@Nullable Throwable t, List<Throwable> out) {
    if (t == null || out.contains(t)) {
      return;
    }
    out.add(t);
    collect(t.getCause(), out);
    for (Throwable s : t.getSuppressed()) {
      collect(s, out);
    }
  }
}
