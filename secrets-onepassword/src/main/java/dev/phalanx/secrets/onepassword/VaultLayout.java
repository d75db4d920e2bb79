package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;

/** How static secrets are laid out in a 1Password vault. */
interface VaultLayout {

  /**
   * Reads what the request needs.
   *
   * @param request the environment and its static secrets
   * @param session the Connect server
   * @param vaultTitle the vault to read
   * @param findings where problems are collected; the caller finishes them
   * @return the values found (the caller adds the warnings)
   */
  StaticSecrets.Builder read(
      StaticSecretsRequest request, ConnectSession session, String vaultTitle, Findings findings);
}
