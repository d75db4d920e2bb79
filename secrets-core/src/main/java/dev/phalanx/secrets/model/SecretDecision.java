package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretRef;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a secret spec is or is not required in an environment, for {@code explain}.
 *
 * @param spec the spec entry that was evaluated (after the per-environment overlay)
 * @param secret the required secret, or null when it was skipped
 * @param reason a sentence explaining the decision: which condition held or failed, which file the
 *     spec came from
 */
public record SecretDecision(SecretSpec spec, @Nullable Secret secret, String reason) {

  /** Checks the arguments. */
  public SecretDecision {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The secret the decision is about.
   *
   * @return application and key
   */
  public SecretRef ref() {
    return new SecretRef(spec.application(), spec.key());
  }

  /**
   * Whether the environment requires the secret.
   *
   * @return true when required
   */
  public boolean required() {
    return secret != null;
  }

  /**
   * The required secret.
   *
   * @return the secret, empty when skipped
   */
  public Optional<Secret> requiredSecret() {
    return Optional.ofNullable(secret);
  }
}
