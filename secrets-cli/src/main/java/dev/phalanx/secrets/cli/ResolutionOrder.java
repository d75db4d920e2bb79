package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.KeyChange;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which Phalanx resolves an environment's secrets, which is the order its {@code sync}
 * prints its lines in: rounds over the secrets sorted by application then key, each round taking
 * every secret whose inputs are resolved by then (a copy needs its source; a generated secret with
 * a {@code source} that this sync (re)generates needs that source; everything else is ready at
 * once); a secret resolved in a later round comes after every secret of the earlier ones. An
 * application comes where its first secret is resolved. Deterministic; holds no value.
 */
final class ResolutionOrder {

  private final Map<String, Integer> applications = new HashMap<>();
  private final Map<SecretRef, Integer> secrets = new HashMap<>();

  private ResolutionOrder() {}

  /**
   * Phalanx's order for a sync of these secrets that applies these operations.
   *
   * @param required the environment's secrets, sorted by application then key
   * @param applied the operations applied (tells which secrets get a new value)
   * @return the order
   */
  static ResolutionOrder of(List<Secret> required, List<PlannedOperation> applied) {
    Set<SecretRef> written = new HashSet<>();
    Set<String> created = new HashSet<>();
    for (PlannedOperation op : applied) {
      if (op.kind() == PlannedOperation.Kind.CREATE_APPLICATION) {
        created.add(op.application());
      }
      for (KeyChange c : op.changes()) {
        if (c.action() != KeyChange.Action.DELETE) {
          written.add(new SecretRef(op.application(), c.key()));
        }
      }
    }
    Set<SecretRef> known = new HashSet<>();
    required.forEach(s -> known.add(s.ref()));
    ResolutionOrder order = new ResolutionOrder();
    Set<SecretRef> resolved = new HashSet<>();
    List<Secret> pending = required;
    while (!pending.isEmpty()) {
      List<Secret> later = new ArrayList<>();
      for (Secret s : pending) {
        SecretRef needs = null;
        if (s instanceof CopySecret c) {
          needs = c.from();
        } else if (s instanceof GeneratedSecret g
            && g.rule().source() != null
            && (written.contains(s.ref()) || created.contains(s.ref().application()))) {
          needs = new SecretRef(s.ref().application(), g.rule().source());
        }
        if (needs == null || resolved.contains(needs) || !known.contains(needs)) {
          resolved.add(s.ref());
          order.secrets.put(s.ref(), order.secrets.size());
          order.applications.putIfAbsent(s.ref().application(), order.applications.size());
        } else {
          later.add(s);
        }
      }
      if (later.size() == pending.size()) {
        break; // unresolvable: the sync would have failed; keep names for the rest
      }
      pending = later;
    }
    return order;
  }

  /** Compares applications: resolution order, then name (unknown ones after the known). */
  int compareApplications(String a, String b) {
    int pa = applications.getOrDefault(a, Integer.MAX_VALUE);
    int pb = applications.getOrDefault(b, Integer.MAX_VALUE);
    return pa != pb ? Integer.compare(pa, pb) : a.compareTo(b);
  }

  /** Compares two keys of one application: resolution order, then name. */
  int compareKeys(String application, String a, String b) {
    int pa = secrets.getOrDefault(new SecretRef(application, a), Integer.MAX_VALUE);
    int pb = secrets.getOrDefault(new SecretRef(application, b), Integer.MAX_VALUE);
    return pa != pb ? Integer.compare(pa, pb) : a.compareTo(b);
  }
}
