package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import java.time.Duration;
import java.util.List;

/** Reads the {@code auth} block of a login or renewal response. */
final class Logins {

  private Logins() {}

  static Login fromAuth(VaultResponse response, String path) {
    String token = response.body().text("auth", "client_token");
    if (response.isNotFound() || token.isEmpty()) {
      throw new VaultException(
          "login at " + path + " returned no token (HTTP " + response.status() + ")",
          response.status(),
          path,
          List.of(),
          null);
    }
    return new Login(
        SecretValue.of(token),
        Duration.ofSeconds(response.body().number("auth", "lease_duration")),
        response.body().flag("auth", "renewable"));
  }
}
