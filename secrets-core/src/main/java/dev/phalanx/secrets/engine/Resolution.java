package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.UnresolvedSecretsException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of resolving an environment: a value for every secret that could be resolved, and
 * every one that could not, with the reason.
 */
public final class Resolution {

  private final SortedMap<SecretRef, ResolvedSecret> resolved;
  private final Map<SecretRef, Problem> unresolved;
  private final boolean pullSecretManaged;
  private final List<String> warnings;

  Resolution(
      Map<SecretRef, ResolvedSecret> resolved,
      Map<SecretRef, Problem> unresolved,
      boolean pullSecretManaged,
      List<String> warnings) {
    this.resolved = Collections.unmodifiableSortedMap(new TreeMap<>(resolved));
    this.unresolved = Collections.unmodifiableMap(new TreeMap<>(unresolved));
    this.pullSecretManaged = pullSecretManaged;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * What the resolution decided that the user should know, e.g. a stored value kept because the
   * static source provides none of its input. Never a value.
   *
   * @return warnings
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Every resolved secret, including the pull secret when the static source has one.
   *
   * @return sorted map of reference to resolved secret
   */
  public SortedMap<SecretRef, ResolvedSecret> resolved() {
    return resolved;
  }

  /**
   * One resolved secret.
   *
   * @param ref the reference
   * @return the resolved secret, empty when not required or unresolved
   */
  public Optional<ResolvedSecret> get(SecretRef ref) {
    return Optional.ofNullable(resolved.get(ref));
  }

  /**
   * The secrets that could not be resolved, with why.
   *
   * @return reference to problem, sorted
   */
  public Map<SecretRef, Problem> unresolved() {
    return unresolved;
  }

  /**
   * Whether every required secret has a value.
   *
   * @return true when nothing is unresolved
   */
  public boolean isComplete() {
    return unresolved.isEmpty();
  }

  /**
   * Throws when anything is unresolved.
   *
   * @return this resolution
   * @throws UnresolvedSecretsException listing every unresolved secret
   */
  public Resolution requireComplete() {
    if (!unresolved.isEmpty()) {
      throw new UnresolvedSecretsException(List.copyOf(unresolved.values()));
    }
    return this;
  }

  /**
   * Whether the pull secret is under management: a static source was given. Without one, a pull
   * secret in the store is left alone.
   *
   * @return true when managed
   */
  public boolean pullSecretManaged() {
    return pullSecretManaged;
  }

  @Override
  public String toString() {
    return "Resolution[resolved=" + resolved.size() + ", unresolved=" + unresolved.size() + "]";
  }
}
