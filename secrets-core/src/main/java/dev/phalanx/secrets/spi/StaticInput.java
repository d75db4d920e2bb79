package dev.phalanx.secrets.spi;

/**
 * Input besides static secrets that a {@link SecretGenerator} derives its values from, given by the
 * static source (see {@link SecretGenerator#staticInputs()}).
 */
public enum StaticInput {
  /** The environment's OIDC clients ({@link StaticSecrets#oidcClients()}). */
  OIDC_CLIENTS("OIDC clients");

  private final String description;

  StaticInput(String description) {
    this.description = description;
  }

  /**
   * The input in words, for messages.
   *
   * @return e.g. "OIDC clients"
   */
  public String description() {
    return description;
  }

  /**
   * Whether the static source's answer provides any of this input.
   *
   * @param statics what the static source gave
   * @return true when it provides some
   */
  public boolean providedBy(StaticSecrets statics) {
    return switch (this) {
      case OIDC_CLIENTS -> !statics.oidcClients().isEmpty();
    };
  }
}
