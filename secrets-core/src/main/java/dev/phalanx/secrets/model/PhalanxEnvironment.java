package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One environment of a configuration tree, loaded: its settings, enabled applications, their Helm
 * values, and the secrets it requires. Immutable. Made by {@code
 * dev.phalanx.secrets.config.PhalanxConfig#environment}.
 */
public final class PhalanxEnvironment {

  private final EnvironmentSettings settings;
  private final SortedMap<SecretRef, Secret> secrets;
  private final List<SecretDecision> decisions;
  private final Map<String, Map<Object, Object>> helmValues;

  /**
   * An environment as loaded (by {@code dev.phalanx.secrets.config.PhalanxConfig}, or built by a
   * test).
   *
   * @param settings the merged environment settings
   * @param decisions why each spec entry of each enabled application is required or skipped
   * @param helmValues the merged Helm values of each enabled application
   */
  public PhalanxEnvironment(
      EnvironmentSettings settings,
      List<SecretDecision> decisions,
      Map<String, Map<Object, Object>> helmValues) {
    this.settings = settings;
    this.decisions = List.copyOf(decisions);
    SortedMap<SecretRef, Secret> required = new TreeMap<>();
    decisions.forEach(d -> d.requiredSecret().ifPresent(s -> required.put(s.ref(), s)));
    this.secrets = Collections.unmodifiableSortedMap(required);
    this.helmValues = Collections.unmodifiableMap(new TreeMap<>(helmValues));
  }

  /**
   * The environment's name.
   *
   * @return the name
   */
  public String name() {
    return settings.name();
  }

  /**
   * The merged environment settings.
   *
   * @return the settings
   */
  public EnvironmentSettings settings() {
    return settings;
  }

  /**
   * The enabled applications, sorted.
   *
   * @return application names
   */
  public List<String> applications() {
    return settings.enabledApplications();
  }

  /**
   * Every secret the environment requires, sorted by application then key.
   *
   * @return the secrets
   */
  public List<Secret> secrets() {
    return List.copyOf(secrets.values());
  }

  /**
   * Every required secret by reference.
   *
   * @return sorted map of reference to secret
   */
  public SortedMap<SecretRef, Secret> secretsByRef() {
    return secrets;
  }

  /**
   * One required secret.
   *
   * @param ref the reference
   * @return the secret, empty when the environment does not require it
   */
  public Optional<Secret> secret(SecretRef ref) {
    return Optional.ofNullable(secrets.get(ref));
  }

  /**
   * Why each spec entry of each enabled application is required or skipped, sorted by application
   * then key.
   *
   * @return the decisions
   */
  public List<SecretDecision> decisions() {
    return decisions;
  }

  /**
   * The merged Helm values of an enabled application.
   *
   * @param application the application
   * @return its values (empty when it has none)
   * @throws IllegalArgumentException when the application is not enabled
   */
  public Map<Object, Object> helmValues(String application) {
    Map<Object, Object> values = helmValues.get(application);
    if (values == null) {
      throw new IllegalArgumentException("application " + application + " is not enabled");
    }
    return values;
  }

  @Override
  public String toString() {
    return "PhalanxEnvironment[" + name() + ", " + secrets.size() + " secrets]";
  }
}
