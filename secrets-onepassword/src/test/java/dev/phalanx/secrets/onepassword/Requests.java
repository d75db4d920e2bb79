package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.OnePasswordSettings;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds environments, requests and sources for the tests. */
final class Requests {

  private Requests() {}

  static EnvironmentSettings environment(
      String name, String fqdn, String connectUrl, String vault) {
    return new EnvironmentSettings(
        name,
        fqdn,
        "https://vault.example.com",
        "secret/phalanx/" + name,
        new OnePasswordSettings(connectUrl, vault),
        new TreeMap<>(),
        Map.of());
  }

  static RequestedSecret secret(String app, String key) {
    return secret(app, key, false);
  }

  static RequestedSecret secret(String app, String key, boolean encoded) {
    return RequestedSecret.of(
        new StaticSecret(
            new SecretSpec(
                app,
                key,
                "test secret",
                null,
                null,
                null,
                null,
                encoded,
                new Location(Path.of("applications", app, "secrets.yaml"), 1))));
  }

  /** A request for app/key pairs, e.g. {@code "argocd admin.plaintext_password"}. */
  static StaticSecretsRequest request(EnvironmentSettings env, boolean oidc, String... refs) {
    List<RequestedSecret> secrets = new ArrayList<>();
    for (String r : refs) {
      String[] p = r.split(" ");
      secrets.add(secret(p[0], p[1]));
    }
    return new StaticSecretsRequest(env, secrets, oidc);
  }

  static SecretSource source(String... options) {
    Map<String, String> o = new HashMap<>();
    // Tests run with tiny backoffs; individual tests override.
    o.put("retry-initial-backoff", "1ms");
    o.put("retry-max-backoff", "5ms");
    for (int i = 0; i < options.length; i += 2) {
      o.put(options[i], options[i + 1]);
    }
    return new OnePasswordSourceProvider()
        .create(
            new SourceConfig(
                "", o, Map.of("connect-token", SecretValue.of(FakeConnect.TOKEN)), null));
  }

  static int requests(SecretSource source) {
    return ((OnePasswordSource) source).requestCount();
  }
}
