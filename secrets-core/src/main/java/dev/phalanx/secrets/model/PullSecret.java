package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The image pull secret of an environment: credentials per container registry.
 *
 * @param registries registry host to credentials, in the order the static source gives them (the
 *     order Phalanx writes them in {@code .dockerconfigjson})
 */
public record PullSecret(Map<String, Registry> registries) {

  /** Copies the map, keeping its order. */
  public PullSecret {
    registries = Collections.unmodifiableMap(new LinkedHashMap<>(registries));
  }

  /**
   * Credentials for one registry.
   *
   * @param username the user name
   * @param password the password
   */
  public record Registry(String username, SecretValue password) {
    /** Checks that no field is null. */
    public Registry {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }
  }
}
