package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretValue;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The image pull secret of an environment: credentials per container registry.
 *
 * @param registries registry host to credentials, sorted by host
 */
public record PullSecret(Map<String, Registry> registries) {

  /** Copies the map into an unmodifiable sorted map. */
  public PullSecret {
    registries = Collections.unmodifiableMap(new TreeMap<>(registries));
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
