package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a store differs from what an environment requires. Never contains a value.
 *
 * <p>{@link #toText()} gives Phalanx's report format; an empty string when the store is in line.
 */
public final class AuditReport {

  private final List<Entry> missing;
  private final List<Entry> mismatched;
  private final List<Entry> unknown;
  private final List<String> warnings;
  private final List<Problem> problems;

  AuditReport(
      List<Entry> missing,
      List<Entry> mismatched,
      List<Entry> unknown,
      List<String> warnings,
      List<Problem> problems) {
    this.missing = sorted(missing);
    this.mismatched = sorted(mismatched);
    this.unknown = sorted(unknown);
    this.warnings = List.copyOf(warnings);
    this.problems = List.copyOf(problems);
  }

  /** The audit view of a comparison. */
  static AuditReport of(Comparison comparison) {
    List<Entry> missing = new ArrayList<>();
    List<Entry> mismatched = new ArrayList<>();
    List<Entry> unknown = new ArrayList<>();
    for (Comparison.Entry e : comparison.entries().values()) {
      switch (e.state()) {
        case MISSING -> missing.add(new Entry(e.ref(), expectedReason(e, false)));
        case DIFFERENT -> mismatched.add(new Entry(e.ref(), expectedReason(e, true)));
        case UNKNOWN -> unknown.add(new Entry(e.ref(), Reasons.notRequired(comparison.env.name())));
        case SAME -> {}
      }
    }
    return new AuditReport(
        missing, mismatched, unknown, comparison.warnings(), comparison.problems());
  }

  private static String expectedReason(Comparison.Entry e, boolean different) {
    ResolvedSecret r = e.resolved();
    if (r == null) {
      return e.problem().message();
    }
    return different ? Reasons.different(r) : Reasons.resolved(r);
  }

  private static List<Entry> sorted(List<Entry> entries) {
    List<Entry> copy = new ArrayList<>(entries);
    copy.sort(Comparator.comparing(Entry::ref));
    return List.copyOf(copy);
  }

  /**
   * Required secrets absent from the store, with what sync would do about them.
   *
   * @return sorted entries
   */
  public List<Entry> missing() {
    return missing;
  }

  /**
   * Secrets present in the store with another value than expected, with why when known.
   *
   * @return sorted entries
   */
  public List<Entry> mismatched() {
    return mismatched;
  }

  /**
   * Secrets in the store the environment does not require.
   *
   * @return sorted entries
   */
  public List<Entry> unknown() {
    return unknown;
  }

  /**
   * Conditions that may make the report wrong, e.g. a store path the credentials cannot list.
   *
   * @return warnings, without values
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Required secrets that cannot be resolved (also listed as missing or mismatched), with why.
   *
   * @return problems
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Whether the store is exactly in line.
   *
   * @return true when nothing is missing, mismatched or unknown
   */
  public boolean isClean() {
    return missing.isEmpty() && mismatched.isEmpty() && unknown.isEmpty();
  }

  /**
   * The report in Phalanx's text format: sections "Missing secrets:", "Secrets that do not have
   * their expected value:" and "Unknown secrets in Vault:", each a list of {@code • app key} lines,
   * separated by blank lines; empty when clean.
   *
   * @return the text
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    section(out, "Missing secrets:", missing);
    section(out, "Secrets that do not have their expected value:", mismatched);
    section(out, "Unknown secrets in Vault:", unknown);
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append(title).append('\n');
    for (Entry e : entries) {
      out.append("\u2022 ").append(e.ref().application()).append(' ').append(e.ref().key());
      out.append('\n');
    }
  }

  @Override
  public String toString() {
    return "AuditReport[missing="
        + missing.size()
        + ", mismatched="
        + mismatched.size()
        + ", unknown="
        + unknown.size()
        + "]";
  }

  /**
   * One finding.
   *
   * @param ref the secret
   * @param reason why, e.g. "stale: hash does not match its source"; never a value
   */
  public record Entry(SecretRef ref, String reason) {
    /** Checks the arguments. */
    public Entry {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
