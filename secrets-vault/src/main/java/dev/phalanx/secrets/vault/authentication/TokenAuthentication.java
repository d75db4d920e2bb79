package dev.phalanx.secrets.vault.authentication;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.vault.client.VaultClient;
import java.util.Objects;

/** A token given up front; its lifetime is looked up by the session. */
final class TokenAuthentication extends ClientAuthentication {

  private final SecretValue token;

  TokenAuthentication(SecretValue token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  @Override
  Login login(VaultClient client) {
    return new Login(token, null, false);
  }

  @Override
  public String method() {
    return "token";
  }
}
