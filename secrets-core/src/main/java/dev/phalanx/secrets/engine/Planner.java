package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The plan view of a {@link Comparison}: at most one operation per application, in write order. */
final class Planner {

  private Planner() {}

  static SyncPlan plan(Comparison comparison) {
    String envName = comparison.env.name();
    SyncOptions options = comparison.options;
    List<PlannedOperation> operations = new ArrayList<>();
    Map<String, Map<String, SecretValue>> content = new TreeMap<>();
    Map<String, WriteCondition> conditions = new TreeMap<>();
    for (String app : comparison.applications()) {
      StoredApplication current = comparison.stored.get(app);
      List<Comparison.Entry> entries = comparison.entries(app);
      if (entries.stream().noneMatch(Comparison.Entry::expected)) {
        if (options.delete()) {
          List<KeyChange> changes = new ArrayList<>();
          for (Comparison.Entry e : entries) {
            changes.add(
                new KeyChange(
                    e.ref().key(),
                    KeyChange.Action.DELETE,
                    Reasons.applicationNotRequired(envName)));
          }
          operations.add(
              new PlannedOperation(PlannedOperation.Kind.DELETE_APPLICATION, app, changes));
        }
        continue;
      }
      Map<String, SecretValue> target = new TreeMap<>();
      List<KeyChange> changes = new ArrayList<>();
      for (Comparison.Entry e : entries) {
        String key = e.ref().key();
        ResolvedSecret r = e.resolved();
        switch (e.state()) {
          case SAME -> target.put(key, r.value());
          case MISSING -> {
            target.put(key, r.value());
            changes.add(new KeyChange(key, KeyChange.Action.ADD, Reasons.resolved(r)));
          }
          case DIFFERENT -> {
            target.put(key, r.value());
            changes.add(new KeyChange(key, KeyChange.Action.CHANGE, Reasons.change(r)));
          }
          case UNKNOWN -> {
            if (options.delete()) {
              changes.add(
                  new KeyChange(key, KeyChange.Action.DELETE, Reasons.notRequired(envName)));
            } else {
              target.put(key, e.stored());
            }
          }
        }
      }
      if (changes.isEmpty()) {
        continue;
      }
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
    List<PlannedOperation> ordered = order(comparison.env, operations);
    return new SyncPlan(
        ordered,
        layers(ordered, copySources(comparison.env, ordered)),
        content,
        conditions,
        comparison.warnings());
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
    Map<String, SortedSet<String>> sources = copySources(env, operations);
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

  /** For each application written, the other applications written whose secrets it copies. */
  private static Map<String, SortedSet<String>> copySources(
      PhalanxEnvironment env, List<PlannedOperation> operations) {
    SortedSet<String> writes = new TreeSet<>();
    for (PlannedOperation op : operations) {
      if (op.kind() != PlannedOperation.Kind.DELETE_APPLICATION) {
        writes.add(op.application());
      }
    }
    Map<String, SortedSet<String>> sources = new TreeMap<>();
    for (Secret secret : env.secrets()) {
      if (secret instanceof CopySecret copy
          && !copy.from().application().equals(copy.application())
          && writes.contains(copy.from().application())) {
        sources
            .computeIfAbsent(copy.application(), a -> new TreeSet<>())
            .add(copy.from().application());
      }
    }
    return sources;
  }

  /**
   * The ordered operations in copy-dependency layers, for concurrent writing: every write of a
   * layer copies only from earlier layers (a copy cycle falls back to one application at a time);
   * deletions form the last layer. Each layer keeps plan order.
   */
  static List<List<PlannedOperation>> layers(
      List<PlannedOperation> ordered, Map<String, SortedSet<String>> sources) {
    List<List<PlannedOperation>> layers = new ArrayList<>();
    List<PlannedOperation> pending = new ArrayList<>();
    List<PlannedOperation> deletes = new ArrayList<>();
    for (PlannedOperation op : ordered) {
      (op.kind() == PlannedOperation.Kind.DELETE_APPLICATION ? deletes : pending).add(op);
    }
    while (!pending.isEmpty()) {
      SortedSet<String> waiting = new TreeSet<>();
      pending.forEach(op -> waiting.add(op.application()));
      List<PlannedOperation> layer = new ArrayList<>();
      for (PlannedOperation op : pending) {
        SortedSet<String> from = sources.get(op.application());
        if (from == null || !intersects(from, waiting)) {
          layer.add(op);
        }
      }
      if (layer.isEmpty()) {
        layer.add(pending.get(0)); // a copy cycle: one at a time, in plan order
      }
      pending.removeAll(layer);
      layers.add(layer);
    }
    if (!deletes.isEmpty()) {
      layers.add(deletes);
    }
    return layers;
  }

  private static boolean intersects(SortedSet<String> a, SortedSet<String> b) {
    for (String x : a) {
      if (b.contains(x)) {
        return true;
      }
    }
    return false;
  }
}
