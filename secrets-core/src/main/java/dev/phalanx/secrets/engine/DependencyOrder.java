package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The dependencies between an environment's required secrets (a copy needs its source, a generated
 * secret the keys its rule reads), the order they are resolved in, and the cycles that leave some
 * unresolvable (DESIGN §4). Used by {@link Resolver}.
 */
final class DependencyOrder {

  private final GeneratorCatalog generators;
  private final Map<SecretRef, Secret> required;

  DependencyOrder(GeneratorCatalog generators, Map<SecretRef, Secret> required) {
    this.generators = generators;
    this.required = required;
  }

  /** Every required secret some other required secret copies or is generated from. */
  Set<SecretRef> dependedOn() {
    Set<SecretRef> all = new HashSet<>();
    for (Secret secret : required.values()) {
      if (secret instanceof CopySecret copy) {
        all.add(copy.from());
      } else if (secret instanceof GeneratedSecret generated) {
        // An mtime's ordering after its siblings reads their origin, never their value.
        Optional<SecretGenerator> generator = generators.find(generated.type());
        if (generator.isPresent()) {
          for (String key :
              GeneratorOption.dependencyKeys(generated.rule(), generator.get().options())) {
            all.add(new SecretRef(secret.application(), key));
          }
        }
      }
    }
    return all;
  }

  /**
   * Visits every required secret once its dependencies are resolved: {@code resolveOne} for a
   * secret whose dependencies are all in {@code resolved}, {@code fail} for one that needs a secret
   * not required, one in {@code unresolved}, or one in a dependency cycle. {@code resolveOne} and
   * {@code fail} are expected to add the secret to {@code resolved} or {@code unresolved}.
   */
  void resolveInOrder(
      PhalanxEnvironment env,
      Set<SecretRef> resolved,
      Set<SecretRef> unresolved,
      Consumer<Secret> resolveOne,
      BiConsumer<Secret, String> fail) {
    Map<SecretRef, Set<SecretRef>> pending = new TreeMap<>();
    for (Secret secret : required.values()) {
      pending.put(secret.ref(), dependencies(secret));
    }
    boolean progress = true;
    while (progress && !pending.isEmpty()) {
      progress = false;
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        SecretRef ref = entry.getKey();
        Secret secret = required.get(ref);
        Optional<SecretRef> notRequired =
            entry.getValue().stream().filter(d -> !required.containsKey(d)).findFirst();
        if (notRequired.isPresent()) {
          fail.accept(
              secret,
              dependencyMessage(secret, notRequired.get())
                  + ", which is not required in environment "
                  + env.name());
          it.remove();
          progress = true;
          continue;
        }
        Optional<SecretRef> failed =
            entry.getValue().stream().filter(unresolved::contains).findFirst();
        if (failed.isPresent()) {
          fail.accept(
              secret, dependencyMessage(secret, failed.get()) + ", which could not be resolved");
          it.remove();
          progress = true;
          continue;
        }
        if (resolved.containsAll(entry.getValue())) {
          resolveOne.accept(secret);
          it.remove();
          progress = true;
        }
      }
    }
    for (SecretRef ref : pending.keySet()) {
      fail.accept(required.get(ref), "is part of a dependency cycle: " + cycleFrom(ref, pending));
    }
  }

  private static String dependencyMessage(Secret secret, SecretRef dependency) {
    if (secret instanceof CopySecret) {
      return "copies " + dependency;
    }
    return "needs " + dependency;
  }

  private static String cycleFrom(SecretRef start, Map<SecretRef, Set<SecretRef>> pending) {
    List<SecretRef> path = new ArrayList<>();
    Set<SecretRef> seen = new HashSet<>();
    SecretRef current = start;
    while (current != null && seen.add(current)) {
      path.add(current);
      current =
          pending.getOrDefault(current, Set.of()).stream()
              .filter(pending::containsKey)
              .findFirst()
              .orElse(null);
    }
    if (current != null) {
      path = path.subList(path.indexOf(current), path.size());
      path = new ArrayList<>(path);
      path.add(current);
    }
    return String.join(" -> ", path.stream().map(SecretRef::toString).toList());
  }

  /**
   * The secrets one secret is resolved after: a copy's source; a generated secret's declared
   * dependencies and, for a generator {@linkplain SecretGenerator#refreshedWithSourceSiblings()
   * refreshed with its source's siblings}, the secrets derived from the same source.
   */
  Set<SecretRef> dependencies(Secret secret) {
    Set<SecretRef> deps = new LinkedHashSet<>();
    if (secret instanceof CopySecret copy) {
      deps.add(copy.from());
    } else if (secret instanceof GeneratedSecret generated) {
      SecretGenerator generator = Resolver.generator(generators, generated);
      for (String key : GeneratorOption.dependencyKeys(generated.rule(), generator.options())) {
        deps.add(new SecretRef(secret.application(), key));
      }
      String source = generated.rule().source();
      if (generator.refreshedWithSourceSiblings() && source != null) {
        // Refreshed when a secret derived from the same source gets a new value, so it is
        // resolved after them.
        for (Secret other : required.values()) {
          if (other instanceof GeneratedSecret sibling
              && sibling != secret
              && sibling.application().equals(secret.application())
              && !refreshedWithSourceSiblings(sibling)
              && source.equals(sibling.rule().source())) {
            deps.add(sibling.ref());
          }
        }
      }
    }
    return deps;
  }

  private boolean refreshedWithSourceSiblings(GeneratedSecret secret) {
    return generators
        .find(secret.type())
        .map(SecretGenerator::refreshedWithSourceSiblings)
        .orElse(false);
  }
}
