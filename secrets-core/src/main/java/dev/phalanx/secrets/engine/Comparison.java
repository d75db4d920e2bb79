package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.StoredApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The one comparison of a resolution with a stored snapshot (docs/ARCHITECTURE.md, "compare"): one
 * entry per secret that matters, excluded applications left out. {@link AuditReport} and {@link
 * SyncPlan} are two views of it, so they cannot disagree. The pull-secret rule is decided here: a
 * resolved pull secret is expected like any secret; without one, a stored pull secret is unknown
 * when the static source manages it and ignored when there is no static source.
 */
final class Comparison {

  /** How the store stands for one secret. */
  enum State {
    /** Required, and the store has no value. */
    MISSING,
    /** Required, and the store holds another value (or it cannot be resolved). */
    DIFFERENT,
    /** In the store, not required. */
    UNKNOWN,
    /** Required, and the store holds exactly the resolved value. */
    SAME
  }

  /**
   * One secret.
   *
   * @param ref the secret
   * @param state how the store stands
   * @param resolved the resolved secret, null when unknown or unresolved
   * @param problem why it cannot be resolved, null when resolved or unknown
   * @param stored the stored value, null when missing
   */
  record Entry(
      SecretRef ref,
      State state,
      @Nullable ResolvedSecret resolved,
      @Nullable Problem problem,
      @Nullable SecretValue stored) {

    boolean expected() {
      return state != State.UNKNOWN;
    }
  }

  final PhalanxEnvironment env;
  final SyncOptions options;
  final Map<String, StoredApplication> stored;
  private final SortedMap<SecretRef, Entry> entries;
  private final SortedSet<String> applications;
  private final Map<String, List<Entry>> byApplication = new TreeMap<>();
  private final List<Problem> problems;
  private final List<String> warnings;

  private Comparison(
      PhalanxEnvironment env,
      SyncOptions options,
      Map<String, StoredApplication> stored,
      SortedMap<SecretRef, Entry> entries,
      SortedSet<String> applications,
      List<Problem> problems,
      List<String> warnings) {
    this.env = env;
    this.options = options;
    this.stored = stored;
    this.entries = Collections.unmodifiableSortedMap(entries);
    this.applications = Collections.unmodifiableSortedSet(applications);
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
    for (Entry e : entries.values()) {
      byApplication.computeIfAbsent(e.ref().application(), a -> new ArrayList<>()).add(e);
    }
  }

  static Comparison of(
      PhalanxEnvironment env,
      Resolution resolution,
      Map<String, StoredApplication> stored,
      SyncOptions options,
      List<String> storeWarnings) {
    SortedMap<SecretRef, Entry> entries = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Secret secret : env.secrets()) {
      if (!options.excluded(secret.application())) {
        expected(entries, secret.ref(), resolution, stored);
      }
    }
    boolean pullResolved = resolution.resolved().containsKey(PullSecrets.REF);
    if (pullResolved && !options.excluded(PullSecrets.APPLICATION)) {
      expected(entries, PullSecrets.REF, resolution, stored);
    }
    boolean pullIgnored = !pullResolved && !resolution.pullSecretManaged();
    SortedSet<String> applications = new TreeSet<>();
    entries.keySet().forEach(ref -> applications.add(ref.application()));
    for (StoredApplication app : stored.values()) {
      String name = app.application();
      if (!app.isPresent()
          || options.excluded(name)
          || (pullIgnored && name.equals(PullSecrets.APPLICATION))) {
        continue;
      }
      if (app.data().isEmpty() && !applications.contains(name)) {
        // Present with no keys and not required: it holds nothing to report or delete, so audit
        // and plan both leave it alone (docs/ARCHITECTURE.md, "Known limits").
        continue;
      }
      applications.add(name);
      app.data()
          .forEach(
              (key, value) -> {
                SecretRef ref = new SecretRef(name, key);
                entries.putIfAbsent(ref, new Entry(ref, State.UNKNOWN, null, null, value));
              });
    }
    for (Entry e : entries.values()) {
      if (e.problem() != null) {
        problems.add(e.problem());
      }
    }
    List<String> warnings = new ArrayList<>(storeWarnings);
    warnings.addAll(resolution.warnings());
    return new Comparison(env, options, stored, entries, applications, problems, warnings);
  }

  private static void expected(
      Map<SecretRef, Entry> entries,
      SecretRef ref,
      Resolution resolution,
      Map<String, StoredApplication> stored) {
    SecretValue current = Resolver.current(stored, ref).orElse(null);
    ResolvedSecret resolved = resolution.resolved().get(ref);
    Problem problem = resolved == null ? resolution.unresolved().get(ref) : null;
    State state;
    if (current == null) {
      state = State.MISSING;
    } else if (resolved == null
        || !resolved.value().equals(current)
        || renewalRequired(resolved.provenance())) {
      state = State.DIFFERENT;
    } else {
      state = State.SAME;
    }
    entries.put(ref, new Entry(ref, state, resolved, problem, current));
  }

  /**
   * Whether a value renewed in this run is written even when it equals the stored one: an
   * explicitly regenerated secret, and an mtime refreshed with its sibling (a refresh within the
   * stored second would otherwise be lost, leaving the store's record of it to chance).
   */
  private static boolean renewalRequired(Provenance provenance) {
    return provenance.origin() == Origin.REGENERATED
        || (provenance.origin() == Origin.STALE && provenance.from() != null);
  }

  /** Every entry, by reference. */
  SortedMap<SecretRef, Entry> entries() {
    return entries;
  }

  /** The entries in one state, by reference. */
  List<Entry> entries(State state) {
    return entries.values().stream().filter(e -> e.state() == state).toList();
  }

  /** The entries of one application, by key. */
  List<Entry> entries(String application) {
    return byApplication.getOrDefault(application, List.of());
  }

  /**
   * The applications that matter, sorted: those with required secrets and those present in the
   * store, excluded ones and an unmanaged pull secret left out.
   */
  SortedSet<String> applications() {
    return applications;
  }

  /** Required secrets that cannot be resolved, by reference. */
  List<Problem> problems() {
    return problems;
  }

  /** The store's warnings, then the resolution's. */
  List<String> warnings() {
    return warnings;
  }
}
