package dev.phalanx.secrets.config;

import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import java.util.Map;
import java.util.TreeMap;
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
      entry.put("value", null);
      @SuppressWarnings("unchecked")
      Map<String, Object> keys =
          (Map<String, Object>) applications.computeIfAbsent(s.application(), a -> new TreeMap<>());
      keys.put(s.key(), entry);
    }
    Map<String, Object> pullSecret = new TreeMap<>();
    pullSecret.put("description", PULL_SECRET_DESCRIPTION);
    pullSecret.put("registries", new TreeMap<>());
    Map<String, Object> root = new TreeMap<>();
    root.put("applications", applications);
    root.put("oidc-clients", new TreeMap<>());
    root.put("pull-secret", pullSecret);
    root.put("vault-write-token", null);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(70);
    options.setSplitLines(true);
    return new Yaml(options).dump(root);
  }
}
