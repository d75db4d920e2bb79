package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.StaticSecret;
import java.util.List;
import java.util.Objects;

/**
 * What the engine asks a {@link SecretSource} for.
 *
 * @param environment the environment
 * @param secrets the static secrets the environment requires, sorted by application and key
 * @param oidcClients whether the environment needs the OIDC clients (an {@code oidc-clients}
 *     generator is in use)
 */
public record StaticSecretsRequest(
    EnvironmentSettings environment, List<StaticSecret> secrets, boolean oidcClients) {

  /** Copies the list. */
  public StaticSecretsRequest {
    Objects.requireNonNull(environment, "environment");
    secrets = List.copyOf(secrets);
  }
}
