package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a source under {@link SecretSourceContract} must serve, and what the kit asks it for.
 *
 * <p>The backend holds {@link #values()}: values for applications {@code alpha}, {@code beta} and
 * {@code gamma}, with a dotted key, unicode and multi-line values. The {@link #request()} asks for
 * some of them ({@link #expected()}), not for others (the {@code gamma} application and {@code
 * alpha/not-requested}), and for one the backend lacks ({@link #MISSING}). The backend also holds
 * two OIDC clients (given out of name order), a pull secret for two registries and a Vault write
 * token. Every secret value contains a canary marker.
 */
public final class SourceFixture {

  /** A secret the request asks for but the backend does not hold. */
  public static final SecretRef MISSING = SecretRef.of("alpha", "missing");

  /** Secrets with awkward keys or values: a dotted key, unicode and multi-line text. */
  static final List<SecretRef> AWKWARD =
      List.of(
          SecretRef.of("alpha", "dex.clientSecret"),
          SecretRef.of("alpha", "unicode"),
          SecretRef.of("alpha", "multi-line"));

  private final Map<SecretRef, SecretValue> values;
  private final Map<SecretRef, SecretValue> expected;
  private final List<OidcClient> oidcClients;
  private final Map<String, PullSecret.Registry> registries;
  private final SecretValue vaultWriteToken;
  private final StaticSecretsRequest request;

  private SourceFixture() {
    Map<SecretRef, SecretValue> held = new TreeMap<>();
    held.put(SecretRef.of("alpha", "password"), Canaries.value("alpha-password"));
    held.put(SecretRef.of("alpha", "dex.clientSecret"), Canaries.value("dotted"));
    held.put(
        SecretRef.of("alpha", "unicode"),
        SecretValue.of("pässwörd ✓ 日本語 🔑 " + Canaries.text("unicode")));
    held.put(
        SecretRef.of("alpha", "multi-line"),
        SecretValue.of(
            "-----BEGIN KEY-----\n" + Canaries.text("multi-line") + "\n-----END KEY-----\n"));
    held.put(SecretRef.of("beta", "token"), Canaries.value("beta-token"));
    held.put(SecretRef.of("alpha", "not-requested"), Canaries.value("not-requested"));
    held.put(SecretRef.of("gamma", "unrequested"), Canaries.value("gamma"));
    this.values = Collections.unmodifiableMap(held);

    Map<SecretRef, SecretValue> wanted = new TreeMap<>(held);
    wanted.remove(SecretRef.of("alpha", "not-requested"));
    wanted.remove(SecretRef.of("gamma", "unrequested"));
    this.expected = Collections.unmodifiableMap(wanted);

    this.oidcClients =
        List.of(
            new OidcClient(
                "zeta-client",
                "zeta-id",
                Canaries.value("zeta-secret"),
                "https://zeta.example.com/callback"),
            new OidcClient(
                "alpha-client",
                "alpha-id",
                Canaries.value("alpha-secret"),
                "https://alpha.example.com/callback"));
    Map<String, PullSecret.Registry> regs = new LinkedHashMap<>();
    regs.put("ghcr.io", new PullSecret.Registry("ghcr-user", Canaries.value("ghcr")));
    regs.put("docker.io", new PullSecret.Registry("docker-user", Canaries.value("docker")));
    this.registries = Collections.unmodifiableMap(regs);
    this.vaultWriteToken = Canaries.value("vault-token");

    List<RequestedSecret> requested = new ArrayList<>();
    for (SecretRef ref : wanted.keySet()) {
      requested.add(staticSecret(ref));
    }
    requested.add(staticSecret(MISSING));
    requested.sort(Comparator.comparing(RequestedSecret::ref));
    Map<String, Boolean> apps = new TreeMap<>(Map.of("alpha", true, "beta", true, "gamma", false));
    EnvironmentSettings environment =
        new EnvironmentSettings(
            "contract", "contract.example.com", "", "", null, new TreeMap<>(apps), Map.of());
    this.request = new StaticSecretsRequest(environment, requested, true);
  }

  static SourceFixture standard() {
    return new SourceFixture();
  }

  private static RequestedSecret staticSecret(SecretRef ref) {
    return RequestedSecret.of(
        new StaticSecret(
            new SecretSpec(
                ref.application(),
                ref.key(),
                "contract kit secret " + ref,
                null,
                null,
                null,
                null,
                false,
                Location.of(Path.of("applications", ref.application(), "secrets.yaml")))));
  }

  /**
   * Every static value the backend must hold, including ones the request does not ask for.
   *
   * @return secret to value, sorted
   */
  public Map<SecretRef, SecretValue> values() {
    return values;
  }

  /**
   * The values a correct source delivers for {@link #request()}.
   *
   * @return secret to value, sorted
   */
  public Map<SecretRef, SecretValue> expected() {
    return expected;
  }

  /**
   * The OIDC clients the backend must hold, deliberately not in name order.
   *
   * @return the clients
   */
  public List<OidcClient> oidcClients() {
    return oidcClients;
  }

  /**
   * The pull-secret registries the backend must hold, in order.
   *
   * @return registry host to credentials
   */
  public Map<String, PullSecret.Registry> registries() {
    return registries;
  }

  /**
   * The Vault write token the backend must hold.
   *
   * @return the token
   */
  public SecretValue vaultWriteToken() {
    return vaultWriteToken;
  }

  /**
   * What the kit fetches: the environment {@code contract} with applications {@code alpha} and
   * {@code beta}, the secrets of {@link #expected()} plus {@link #MISSING}, and the OIDC clients.
   *
   * @return the request
   */
  public StaticSecretsRequest request() {
    return request;
  }

  /**
   * The fixture as a static-secrets YAML file (the format of the {@code file} source and of
   * Phalanx's {@code --secrets}), every string double-quoted.
   *
   * @return the YAML text; contains the secret values, so write it only to a temporary file
   */
  public String toStaticSecretsYaml() {
    StringBuilder y = new StringBuilder("applications:\n");
    String app = null;
    for (Map.Entry<SecretRef, SecretValue> e : values.entrySet()) {
      if (!e.getKey().application().equals(app)) {
        app = e.getKey().application();
        y.append("  ").append(quote(app)).append(":\n");
      }
      y.append("    ").append(quote(e.getKey().key())).append(":\n");
      y.append("      value: ").append(quote(e.getValue().reveal())).append('\n');
    }
    y.append("oidc-clients:\n");
    for (OidcClient c : oidcClients) {
      y.append("  ").append(quote(c.name())).append(":\n");
      y.append("    id: ").append(quote(c.id())).append('\n');
      y.append("    secret: ").append(quote(c.secret().reveal())).append('\n');
      y.append("    return_uri: ").append(quote(c.returnUri())).append('\n');
    }
    y.append("pull-secret:\n  registries:\n");
    registries.forEach(
        (host, r) -> {
          y.append("    ").append(quote(host)).append(":\n");
          y.append("      username: ").append(quote(r.username())).append('\n');
          y.append("      password: ").append(quote(r.password().reveal())).append('\n');
        });
    y.append("vault-write-token: ").append(quote(vaultWriteToken.reveal())).append('\n');
    return y.toString();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Counts only. */
  @Override
  public String toString() {
    return "SourceFixture[" + values.size() + " values]";
  }
}
