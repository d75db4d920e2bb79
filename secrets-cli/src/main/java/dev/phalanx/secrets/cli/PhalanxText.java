package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.MissingStaticSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.KeyChange;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.model.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text Phalanx prints on standard output for {@code audit} and {@code sync}, byte for byte, so
 * that scripts reading it see no difference. Never holds a value.
 */
final class PhalanxText {

  /** The store application of the image pull secret, reported without its key. */
  static final String PULL_SECRET = "pull-secret";

  private static final String BULLET = "\u2022 ";

  private PhalanxText() {}

  /**
   * The audit report: unresolvable secrets alone when there are any (as {@code • app/key} in the
   * order the environment lists its secrets), else the sections "Missing secrets:", "Secrets that
   * do not have their expected value:" and "Unknown secrets in Vault:" of {@code • app key} lines,
   * sorted as strings, the pull secret as {@code • pull-secret}; empty when clean.
   */
  static String audit(AuditReport report, List<Secret> environmentOrder) {
    if (!report.problems().isEmpty()) {
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < environmentOrder.size(); i++) {
        position.put(environmentOrder.get(i).ref().toString(), i);
      }
      List<String> subjects = new ArrayList<>();
      for (Problem p : report.problems()) {
        String subject = p.subject() == null ? "" : p.subject();
        if (!subjects.contains(subject)) {
          subjects.add(subject);
        }
      }
      subjects.sort(
          (a, b) -> {
            int pa = position.getOrDefault(a, Integer.MAX_VALUE);
            int pb = position.getOrDefault(b, Integer.MAX_VALUE);
            return pa != pb ? Integer.compare(pa, pb) : a.compareTo(b);
          });
      return list("Unresolved secrets:", subjects);
    }
    StringBuilder out = new StringBuilder();
    section(out, "Missing secrets:", report.missing());
    section(out, "Secrets that do not have their expected value:", report.mismatched());
    section(out, "Unknown secrets in Vault:", report.unknown());
    return out.toString();
  }

  /** Phalanx's report of items and fields missing from 1Password (an audit finding, exit 1). */
  static String missingFromOnePassword(MissingStaticSecretsException e) {
    return list(
        "Missing static secrets from 1Password:",
        e.missing().stream().map(MissingStaticSecretsException.Missing::phalanxText).toList());
  }

  private static String list(String heading, List<String> items) {
    StringBuilder out = new StringBuilder(heading).append('\n');
    for (String item : items) {
      out.append(BULLET).append(item).append('\n');
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String heading, List<AuditReport.Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (AuditReport.Entry e : entries) {
      String line = name(e.ref());
      if (!lines.contains(line)) {
        lines.add(line);
      }
    }
    lines.sort(null);
    if (out.length() > 0) {
      out.append('\n');
    }
    out.append(list(heading, lines));
  }

  private static String name(SecretRef ref) {
    return ref.application().equals(PULL_SECRET)
        ? PULL_SECRET
        : ref.application() + " " + ref.key();
  }

  /**
   * The lines Phalanx's sync prints for what was applied: {@code Created Vault secret for APP} for
   * a new application, {@code Updated Vault secret for APP KEY} for each added or changed key,
   * {@code Deleted Vault secret for APP [KEY]} for deletions; the pull secret without its key. The
   * application writes come first, in Phalanx's {@link ResolutionOrder} (the pull secret last), the
   * deletions after them sorted by application then key; nothing when nothing changed.
   */
  static String sync(List<PlannedOperation> applied, ResolutionOrder resolution) {
    List<PlannedOperation> writes = new ArrayList<>();
    List<PlannedOperation> deletes = new ArrayList<>();
    for (PlannedOperation op : applied) {
      (op.kind() == PlannedOperation.Kind.DELETE_APPLICATION ? deletes : writes).add(op);
    }
    Comparator<PlannedOperation> order =
        Comparator.comparing((PlannedOperation op) -> op.application().equals(PULL_SECRET))
            .thenComparing(PlannedOperation::application, resolution::compareApplications);
    writes.sort(order);
    deletes.sort(Comparator.comparing(PlannedOperation::application));
    StringBuilder out = new StringBuilder();
    List<String> keyDeletions = new ArrayList<>();
    for (PlannedOperation op : writes) {
      boolean pull = op.application().equals(PULL_SECRET);
      if (op.kind() == PlannedOperation.Kind.CREATE_APPLICATION) {
        out.append("Created Vault secret for ").append(op.application()).append('\n');
        continue;
      }
      boolean pullUpdated = false;
      List<String> updated = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      for (KeyChange c : op.changes()) {
        if (c.action() == KeyChange.Action.DELETE) {
          deleted.add(c.key());
        } else if (pull) {
          pullUpdated = true;
        } else {
          updated.add(c.key());
        }
      }
      updated.sort((a, b) -> resolution.compareKeys(op.application(), a, b));
      deleted.sort(null);
      for (String key : updated) {
        out.append("Updated Vault secret for ")
            .append(op.application())
            .append(' ')
            .append(key)
            .append('\n');
      }
      if (pullUpdated) {
        out.append("Updated Vault secret for ").append(PULL_SECRET).append('\n');
      }
      for (String key : deleted) {
        keyDeletions.add(op.application() + " " + key);
      }
    }
    List<String> deletions = new ArrayList<>();
    for (PlannedOperation op : deletes) {
      deletions.add(op.application());
    }
    deletions.addAll(keyDeletions);
    deletions.sort(null);
    for (String d : deletions) {
      out.append("Deleted Vault secret for ").append(d).append('\n');
    }
    return out.toString();
  }
}
