package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import java.util.List;
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
  String source() {
    return source;
  }

  @Override
  Login login(VaultClient client) {
    return new Login(token, null, false);
  }

  @Override
  String method() {
    return "token";
  }

  @Override
  List<Object> identity() {
    return List.of("token", token, source);
  }
}
