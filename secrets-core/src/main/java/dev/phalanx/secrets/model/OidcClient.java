package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretValue;
import java.util.Objects;

/**
 * One OpenID Connect client of an environment, from the static source's {@code oidc-clients}.
 *
 * @param name the client's name (the mapping key or 1Password section); clients are ordered by it
 * @param id the client ID
 * @param secret the client secret
 * @param returnUri the client's return URI
 */
public record OidcClient(String name, String id, SecretValue secret, String returnUri) {

  /** Checks that no field is null. */
  public OidcClient {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(returnUri, "returnUri");
  }
}
