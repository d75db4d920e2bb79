package dev.phalanx.secrets.vault.authentication;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.vault.client.VaultClient;
import java.util.Objects;

/** A token given up front; its lifetime is looked up by the session. */
final class TokenAuthentication extends ClientAuthentication {

  static final String GIVEN = "the credential vault-token";
  static final String ENVIRONMENT = "the environment variable VAULT_TOKEN";
  static final String STATIC_SECRETS = "the static secrets' vault-write-token";

  private final SecretValue token;
  private final String source;

  TokenAuthentication(SecretValue token) {
    this(token, GIVEN);
  }

  TokenAuthentication(SecretValue token, String source) {
    this.token = Objects.requireNonNull(token, "token");
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public String source() {
    return source;
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
