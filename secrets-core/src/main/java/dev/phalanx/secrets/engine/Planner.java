package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns a resolution and the store's content into at most one operation per application. */
final class Planner {

  private Planner() {}

  static SyncPlan plan(
      PhalanxEnvironment env,
      Resolution resolution,
      Map<String, StoredApplication> stored,
      SyncOptions options,
      List<String> warnings) {
    Map<String, Map<String, ResolvedSecret>> desired = new TreeMap<>();
    for (ResolvedSecret r : resolution.resolved().values()) {
      desired.computeIfAbsent(r.ref().application(), a -> new TreeMap<>()).put(r.ref().key(), r);
    }
    SortedSet<String> applications = new TreeSet<>(desired.keySet());
    stored.values().stream()
        .filter(StoredApplication::isPresent)
        .forEach(a -> applications.add(a.application()));

    List<PlannedOperation> operations = new ArrayList<>();
    Map<String, Map<String, SecretValue>> content = new TreeMap<>();
    Map<String, WriteCondition> conditions = new TreeMap<>();
    for (String app : applications) {
      if (options.excluded(app)) {
        continue;
      }
      StoredApplication current = stored.get(app);
      Map<String, ResolvedSecret> wanted = desired.get(app);
      if (wanted == null) {
        boolean unmanagedPullSecret =
            app.equals(PullSecrets.APPLICATION) && !resolution.pullSecretManaged();
        if (options.delete() && !unmanagedPullSecret) {
          List<KeyChange> changes = new ArrayList<>();
          current
              .data()
              .keySet()
              .forEach(
                  k ->
                      changes.add(
                          new KeyChange(
                              k,
                              KeyChange.Action.DELETE,
                              "application not required in environment " + env.name())));
          operations.add(
              new PlannedOperation(PlannedOperation.Kind.DELETE_APPLICATION, app, changes));
        }
        continue;
      }
      Map<String, SecretValue> target = new TreeMap<>();
      List<KeyChange> changes = new ArrayList<>();
      Map<String, SecretValue> existing =
          current != null && current.isPresent() ? current.data() : Map.of();
      for (ResolvedSecret r : wanted.values()) {
        String key = r.ref().key();
        target.put(key, r.value());
        SecretValue old = existing.get(key);
        if (old == null) {
          changes.add(new KeyChange(key, KeyChange.Action.ADD, r.reason()));
        } else if (!old.equals(r.value())) {
          changes.add(new KeyChange(key, KeyChange.Action.CHANGE, changeReason(r)));
        }
      }
      for (Map.Entry<String, SecretValue> e : existing.entrySet()) {
        if (wanted.containsKey(e.getKey())) {
          continue;
        }
        if (options.delete()) {
          changes.add(
              new KeyChange(
                  e.getKey(),
                  KeyChange.Action.DELETE,
                  "not required in environment " + env.name()));
        } else {
          target.put(e.getKey(), e.getValue());
        }
      }
      if (changes.isEmpty()) {
        continue;
      }
      changes.sort(java.util.Comparator.comparing(KeyChange::key));
      boolean create = current == null || !current.isPresent();
      operations.add(
          new PlannedOperation(
              create
                  ? PlannedOperation.Kind.CREATE_APPLICATION
                  : PlannedOperation.Kind.UPDATE_APPLICATION,
              app,
              changes));
      content.put(app, target);
      conditions.put(
          app,
          current == null
              ? new WriteCondition.CreateOnly()
              : new WriteCondition.IfVersion(current.version()));
    }
    return new SyncPlan(order(env, operations), content, conditions, warnings);
  }

  /**
   * Writes in dependency order: an application whose secrets others copy is written before them, so
   * a sync that stops part-way never leaves a copy of a value that was not stored. Otherwise (and
   * within a copy cycle) name order; deletions come last.
   */
  static List<PlannedOperation> order(PhalanxEnvironment env, List<PlannedOperation> operations) {
    Map<String, PlannedOperation> writes = new TreeMap<>();
    List<PlannedOperation> deletes = new ArrayList<>();
    for (PlannedOperation op : operations) {
      if (op.kind() == PlannedOperation.Kind.DELETE_APPLICATION) {
        deletes.add(op);
      } else {
        writes.put(op.application(), op);
      }
    }
    Map<String, SortedSet<String>> sources = new TreeMap<>();
    for (Secret secret : env.secrets()) {
      if (secret instanceof CopySecret copy
          && !copy.from().application().equals(copy.application())
          && writes.containsKey(copy.from().application())) {
        sources
            .computeIfAbsent(copy.application(), a -> new TreeSet<>())
            .add(copy.from().application());
      }
    }
    List<PlannedOperation> ordered = new ArrayList<>();
    SortedSet<String> pending = new TreeSet<>(writes.keySet());
    while (!pending.isEmpty()) {
      String next =
          pending.stream()
              .filter(a -> !sources.containsKey(a) || !intersects(sources.get(a), pending))
              .findFirst()
              .orElse(pending.first()); // a copy cycle: fall back to name order
      pending.remove(next);
      ordered.add(writes.get(next));
    }
    ordered.addAll(deletes);
    return ordered;
  }

  private static boolean intersects(SortedSet<String> a, SortedSet<String> b) {
    for (String x : a) {
      if (b.contains(x)) {
        return true;
      }
    }
    return false;
  }

  private static String changeReason(ResolvedSecret r) {
    return switch (r.origin()) {
      case STATIC_SOURCE -> "changed in the static source";
      case COPY -> "source " + r.reason().substring("copy of ".length()) + " changed";
      case LITERAL -> "literal changed";
      default -> r.reason();
    };
  }
}
