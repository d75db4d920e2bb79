package dev.phalanx.secrets.vault.authentication;

/** Test access to the fixed token a token authentication holds. */
public final class AuthenticationAccess {

  private AuthenticationAccess() {}

  /** The fixed token's text; fails for other methods. */
  public static String token(ClientAuthentication auth) {
    return auth.login(null).token().reveal();
  }
}
