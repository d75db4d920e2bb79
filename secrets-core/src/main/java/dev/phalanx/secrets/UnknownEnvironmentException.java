package dev.phalanx.secrets;

import java.util.List;

/** The named environment has no {@code environments/values-<env>.yaml}. */
public final class UnknownEnvironmentException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  private final String environment;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list; the type says only List
  private final List<String> known;

  /**
   * Creates the exception.
   *
   * @param environment the name asked for
   * @param known the environments that exist, sorted
   */
  public UnknownEnvironmentException(String environment, List<String> known) {
    super(
        "unknown environment '"
            + environment
            + "'; known environments: "
            + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    this.environment = environment;
    this.known = List.copyOf(known);
  }

  /**
   * The name that was asked for.
   *
   * @return the environment name
   */
  public String environment() {
    return environment;
  }

  /**
   * The environments that exist.
   *
   * @return sorted names
   */
  public List<String> knownEnvironments() {
    return known;
  }
}
