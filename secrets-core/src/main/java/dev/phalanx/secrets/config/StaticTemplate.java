package dev.phalanx.secrets.config;

import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The template of a static-secrets file for an environment ({@code static-template}): every static
 * secret with its description and {@code value: null}, an empty {@code oidc-clients}, a {@code
 * pull-secret} without registries and {@code vault-write-token: null}. Emitted byte for byte like
 * Phalanx emits it with PyYAML: sorted keys, block style, descriptions and warnings as folded
 * ({@code >-}) scalars, lines folded at 70 columns, non-ASCII characters escaped.
 */
public final class StaticTemplate {

  /** The warning on secrets that are base64-encoded in 1Password. */
  public static final String ENCODED_WARNING =
      "If you store this secret in a 1Password item, encode it with base64 first.";

  /** The description of the pull secret: Phalanx's text (compatibility-critical). */
  public static final String PULL_SECRET_DESCRIPTION =
      "Pull secrets for Docker registries. Each key under registries is the name of a Docker"
          + " registry that needs a pull secret. The value should have two keys, username and"
          + " password, that provide the HTTP Basic Auth credentials for that registry.";

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
   * onepassword-secrets}), in Phalanx's layout for that command: no descriptions or warnings, only
   * the static secrets of the environment with their values ({@code value} omitted when the source
   * has none), {@code oidc-clients} (always), {@code pull-secret} and {@code vault-write-token}
   * only when the source has them. The result holds secrets.
   *
   * @param env the environment
   * @param statics what the source delivered, or null for an empty template
   * @return YAML text
   */
  public static String render(PhalanxEnvironment env, @Nullable StaticSecrets statics) {
    if (statics == null) {
      return template(env);
    }
    Map<String, Object> applications = new TreeMap<>();
    for (StaticSecret s : staticSecrets(env)) {
      Map<String, Object> entry = new TreeMap<>();
      statics.value(s.ref()).ifPresent(v -> entry.put("value", v.reveal()));
      keysOf(applications, s.application()).put(s.key(), entry);
    }
    Map<String, Object> root = new TreeMap<>();
    root.put("applications", applications);
    root.put("oidc-clients", clients(statics));
    statics
        .pullSecret()
        .ifPresent(
            p -> {
              // sorted, as PyYAML's dump sorts every mapping
              Map<String, Object> registries = new TreeMap<>();
              p.registries()
                  .forEach(
                      (host, r) ->
                          registries.put(
                              host,
                              new TreeMap<>(
                                  Map.of(
                                      "username", r.username(),
                                      "password", r.password().reveal()))));
              Map<String, Object> pullSecret = new TreeMap<>();
              pullSecret.put("description", new Folded(PULL_SECRET_DESCRIPTION));
              pullSecret.put("registries", registries);
              root.put("pull-secret", pullSecret);
            });
    statics.vaultWriteToken().ifPresent(t -> root.put("vault-write-token", t.reveal()));
    return dump(root);
  }

  private static String template(PhalanxEnvironment env) {
    Map<String, Object> applications = new TreeMap<>();
    for (StaticSecret s : staticSecrets(env)) {
      Map<String, Object> entry = new TreeMap<>();
      entry.put("description", new Folded(s.description()));
      if (s.onepasswordEncoded()) {
        entry.put("warning", new Folded(ENCODED_WARNING));
      }
      entry.put("value", null);
      keysOf(applications, s.application()).put(s.key(), entry);
    }
    Map<String, Object> pullSecret = new TreeMap<>();
    pullSecret.put("description", new Folded(PULL_SECRET_DESCRIPTION));
    pullSecret.put("registries", new LinkedHashMap<>());
    Map<String, Object> root = new TreeMap<>();
    root.put("applications", applications);
    root.put("oidc-clients", new TreeMap<>());
    root.put("pull-secret", pullSecret);
    root.put("vault-write-token", null);
    return dump(root);
  }

  private static java.util.List<StaticSecret> staticSecrets(PhalanxEnvironment env) {
    java.util.List<StaticSecret> out = new java.util.ArrayList<>();
    for (Secret secret : env.secrets()) {
      if (secret instanceof StaticSecret s) {
        out.add(s);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> keysOf(Map<String, Object> applications, String application) {
    return (Map<String, Object>) applications.computeIfAbsent(application, a -> new TreeMap<>());
  }

  private static Map<String, Object> clients(StaticSecrets statics) {
    Map<String, Object> clients = new TreeMap<>();
    for (OidcClient c : statics.oidcClients()) {
      clients.put(
          c.name(),
          new TreeMap<>(
              Map.of("id", c.id(), "secret", c.secret().reveal(), "return_uri", c.returnUri())));
    }
    return clients;
  }

  /** PyYAML's {@code yaml.dump(data, width=70)}: block style, ASCII only, folded markers. */
  private static String dump(Map<String, Object> root) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(70);
    options.setSplitLines(true);
    options.setAllowUnicode(false);
    return upperCaseHexEscapes(new Yaml(new FoldingRepresenter(options), options).dump(root));
  }

  /**
   * PyYAML writes the hex digits of its numeric escapes (backslash x, u or U) in upper case, as in
   * {@code "caf\\xE9"}, SnakeYAML in lower case: rewrites them inside double-quoted scalars only
   * (found by parsing the output back), leaving every other backslash alone.
   */
  static String upperCaseHexEscapes(String yaml) {
    if (yaml.indexOf('\\') < 0) {
      return yaml;
    }
    StringBuilder out = new StringBuilder(yaml);
    for (Event e : new Yaml().parse(new StringReader(yaml))) {
      if (e instanceof ScalarEvent scalar
          && scalar.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
        int end = scalar.getEndMark().getIndex();
        for (int i = scalar.getStartMark().getIndex(); i < end - 1; i++) {
          if (out.charAt(i) != '\\') {
            continue;
          }
          char kind = out.charAt(i + 1);
          int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
          for (int d = i + 2; d < i + 2 + digits && d < end; d++) {
            out.setCharAt(d, Character.toUpperCase(out.charAt(d)));
          }
          i++; // skip the escaped character (so "\\\\x41" stays as it is)
        }
      }
    }
    return out.toString();
  }

  /** A string PyYAML would emit in folded style (Phalanx's {@code YAMLFoldedString}). */
  private record Folded(String text) {}

  private static final class FoldingRepresenter extends Representer {
    FoldingRepresenter(DumperOptions options) {
      super(options);
      this.representers.put(
          Folded.class,
          data ->
              representScalar(Tag.STR, ((Folded) data).text(), DumperOptions.ScalarStyle.FOLDED));
    }
  }
}
