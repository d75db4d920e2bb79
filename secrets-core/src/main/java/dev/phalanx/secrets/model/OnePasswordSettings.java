package dev.phalanx.secrets.model;

import java.util.Objects;

/**
 * Where an environment's static secrets live in 1Password.
 *
 * @param connectUrl the 1Password Connect server URL
 * @param vaultTitle the title of the 1Password vault, may be empty when unset
 */
public record OnePasswordSettings(String connectUrl, String vaultTitle) {

  /** Checks the arguments. */
  public OnePasswordSettings {
    Objects.requireNonNull(connectUrl, "connectUrl");
    Objects.requireNonNull(vaultTitle, "vaultTitle");
  }
}
