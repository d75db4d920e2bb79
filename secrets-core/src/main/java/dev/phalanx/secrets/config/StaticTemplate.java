package dev.phalanx.secrets.config;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The template of a static-secrets file for an environment ({@code static-template}): every static
 * secret with its description and {@code value: null}, an empty {@code oidc-clients}, a {@code
 * pull-secret} without registries and {@code vault-write-token: null}. Emitted like Phalanx emits
 * it with PyYAML: sorted keys, block style, lines folded at 70 columns.
 */
public final class StaticTemplate {

  /** The warning on secrets that are base64-encoded in 1Password. */
  public static final String ENCODED_WARNING =
      "If you store this secret in a 1Password item, encode it with base64 first.";

  /** The description of the pull secret. */
  public static final String PULL_SECRET_DESCRIPTION =
      "Pull secret for Docker registries: credentials keyed by registry host name, each with a"
          + " username and a password.";

  private StaticTemplate() {}

  /**
   * Renders the template.
   *
   * @param env the environment
   * @return YAML text
   */
  public static String render(PhalanxEnvironment env) {
    return render(env, null);
  }

  /**
   * Renders a static-secrets file filled with the values a source delivered ({@code
   * onepassword-secrets}): every static secret of the environment, its value or {@code null}, the
   * OIDC clients, the pull secret registries and the Vault write token. The result holds secrets.
   *
   * @param env the environment
   * @param statics what the source delivered, or null for an empty template
   * @return YAML text
   */
  public static String render(PhalanxEnvironment env, @Nullable StaticSecrets statics) {
    Map<String, Object> applications = new TreeMap<>();
    for (Secret secret : env.secrets()) {
      if (!(secret instanceof StaticSecret s)) {
        continue;
      }
      Map<String, Object> entry = new TreeMap<>();
      entry.put("description", s.description());
      if (s.onepasswordEncoded()) {
        entry.put("warning", ENCODED_WARNING);
      }
      entry.put(
          "value",
          statics == null ? null : statics.value(s.ref()).map(SecretValue::reveal).orElse(null));
      @SuppressWarnings("unchecked")
      Map<String, Object> keys =
          (Map<String, Object>) applications.computeIfAbsent(s.application(), a -> new TreeMap<>());
      keys.put(s.key(), entry);
    }
    Map<String, Object> registries = new LinkedHashMap<>();
    Map<String, Object> clients = new TreeMap<>();
    String token = null;
    if (statics != null) {
      statics
          .pullSecret()
          .ifPresent(
              p ->
                  p.registries()
                      .forEach(
                          (host, r) ->
                              registries.put(
                                  host,
                                  new TreeMap<>(
                                      Map.of(
                                          "username", r.username(),
                                          "password", r.password().reveal())))));
      for (OidcClient c : statics.oidcClients()) {
        clients.put(
            c.name(),
            new TreeMap<>(
                Map.of("id", c.id(), "secret", c.secret().reveal(), "return_uri", c.returnUri())));
      }
      token = statics.vaultWriteToken().map(SecretValue::reveal).orElse(null);
    }
    Map<String, Object> pullSecret = new TreeMap<>();
    pullSecret.put("description", PULL_SECRET_DESCRIPTION);
    pullSecret.put("registries", registries);
    Map<String, Object> root = new TreeMap<>();
    root.put("applications", applications);
    root.put("oidc-clients", clients);
    root.put("pull-secret", pullSecret);
    root.put("vault-write-token", token);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(70);
    options.setSplitLines(true);
    return new Yaml(options).dump(root);
  }
}
