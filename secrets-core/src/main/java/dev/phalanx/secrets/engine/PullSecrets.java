package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.support.PythonJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment's image pull secret, stored as Phalanx stores it. */
final class PullSecrets {

  /** The application name of the pull secret in the store. */
  static final String APPLICATION = "pull-secret";

  /** Its only key. */
  static final String KEY = ".dockerconfigjson";

  static final SecretRef REF = new SecretRef(APPLICATION, KEY);

  private PullSecrets() {}

  /**
   * {@code {"auths": {host: {"auth", "username", "password"}}}} with {@code auth} the base64 of
   * {@code username:password}, byte-identical to Phalanx's {@code json.dumps}.
   */
  static String dockerConfigJson(PullSecret pullSecret) {
    Map<String, Object> auths = new LinkedHashMap<>();
    pullSecret
        .registries()
        .forEach(
            (host, registry) -> {
              String password = registry.password().reveal();
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put(
                  "auth",
                  Base64.getEncoder()
                      .encodeToString(
                          (registry.username() + ":" + password).getBytes(StandardCharsets.UTF_8)));
              entry.put("username", registry.username());
              entry.put("password", password);
              auths.put(host, entry);
            });
    return PythonJson.dumps(Map.of("auths", auths));
  }
}
