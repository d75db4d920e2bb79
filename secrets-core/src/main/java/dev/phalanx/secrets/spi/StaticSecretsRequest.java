package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.model.EnvironmentSettings;
import java.util.List;
import java.util.Objects;

/**
 * What the engine asks a {@link SecretSource} for.
 *
 * @param environment the environment
 * @param secrets the static secrets the environment requires, sorted by application and key
 * @param oidcClients whether the environment needs the OIDC clients (a required secret's generator
 *     declares {@link StaticInput#OIDC_CLIENTS})
 */
public record StaticSecretsRequest(
    EnvironmentSettings environment, List<RequestedSecret> secrets, boolean oidcClients) {

  /** Copies the list. */
  public StaticSecretsRequest {
    Objects.requireNonNull(environment, "environment");
    secrets = List.copyOf(secrets);
  }
}
