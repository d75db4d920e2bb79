package dev.phalanx.secrets.vault;

/** Test access to the fixed token a token authentication holds. */
final class AuthenticationAccess {

  private AuthenticationAccess() {}

  /** The fixed token's text; fails for other methods. */
  static String token(ClientAuthentication auth) {
    return auth.login(null).token().reveal();
  }
}
