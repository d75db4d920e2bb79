package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A static-secrets YAML file (Phalanx's {@code --secrets} file, DESIGN §6):
 *
 * <pre>
 * applications:
 *   APP:
 *     KEY:
 *       description: ...   # ignored
 *       warning: ...       # ignored
 *       value: STRING or null
 * oidc-clients:
 *   NAME: {id: ..., secret: ..., return_uri: ...}
 * pull-secret:
 *   registries:
 *     HOST: {username: ..., password: ...}
 * vault-write-token: STRING or null
 * </pre>
 *
 * <p>Parsed strictly: unknown fields and wrong types are errors naming the file and line. Error
 * messages never include values.
 */
public final class StaticSecretsFile {

  private static final Set<String> TOP =
      Set.of("applications", "oidc-clients", "pull-secret", "vault-write-token");
  private static final Set<String> ENTRY = Set.of("description", "warning", "value");
  private static final Set<String> CLIENT = Set.of("id", "secret", "return_uri");
  private static final Set<String> PULL = Set.of("description", "registries");
  private static final Set<String> REGISTRY = Set.of("username", "password");

  private final Path file;
  private final Map<SecretRef, SecretValue> values;
  private final List<OidcClient> clients;
  private final @Nullable PullSecret pullSecret;
  private final @Nullable SecretValue vaultWriteToken;

  private StaticSecretsFile(
      Path file,
      Map<SecretRef, SecretValue> values,
      List<OidcClient> clients,
      @Nullable PullSecret pullSecret,
      @Nullable SecretValue vaultWriteToken) {
    this.file = file;
    this.values = values;
    this.clients = clients;
    this.pullSecret = pullSecret;
    this.vaultWriteToken = vaultWriteToken;
  }

  /**
   * Reads and validates a static-secrets file.
   *
   * @param file the file
   * @return the parsed file
   * @throws ConfigurationException with every problem found, naming file and line; also when the
   *     file does not exist
   */
  public static StaticSecretsFile read(Path file) {
    YamlDocument doc = YamlDocument.readValues(file, file);
    if (doc == null) {
      throw new ConfigurationException(
          new Problem(Location.of(file), null, "static secrets file does not exist"));
    }
    return new Parser(doc).parse();
  }

  /**
   * The values for the static secrets an environment requires. Values for anything else are ignored
   * with a warning; secrets with no value (or {@code null}) are left out.
   *
   * @param request the environment's static secrets
   * @return the selected static secrets
   */
  public StaticSecrets select(StaticSecretsRequest request) {
    StaticSecrets.Builder builder = StaticSecrets.builder();
    Map<SecretRef, RequestedSecret> wanted = new TreeMap<>();
    request.secrets().forEach(s -> wanted.put(s.ref(), s));
    for (Map.Entry<SecretRef, SecretValue> e : values.entrySet()) {
      if (wanted.containsKey(e.getKey())) {
        builder.value(e.getKey(), e.getValue());
      } else {
        builder.warning(
            file
                + ": "
                + e.getKey()
                + " is not a static secret of environment "
                + request.environment().name()
                + "; its value is ignored");
      }
    }
    clients.forEach(builder::oidcClient);
    builder.pullSecret(pullSecret);
    builder.vaultWriteToken(vaultWriteToken);
    return builder.build();
  }

  /**
   * The Vault write token.
   *
   * @return the token, empty when absent or null
   */
  public Optional<SecretValue> vaultWriteToken() {
    return Optional.ofNullable(vaultWriteToken);
  }

  @Override
  public String toString() {
    return "StaticSecretsFile[" + file + ", " + values.size() + " values]";
  }

  /** Walks the YAML nodes, collecting every problem. */
  private static final class Parser {
    private final YamlDocument doc;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<SecretRef, SecretValue> values = new TreeMap<>();
    private final List<OidcClient> clients = new ArrayList<>();
    private @Nullable PullSecret pullSecret;
    private @Nullable SecretValue vaultWriteToken;

    Parser(YamlDocument doc) {
      this.doc = doc;
    }

    StaticSecretsFile parse() {
      Node root = doc.root();
      if (root != null) {
        MappingNode top = mapping(root, "the file");
        if (top != null) {
          for (NodeTuple t : top.getValue()) {
            String name = key(t, TOP, null);
            if (name == null) {
              continue;
            }
            switch (name) {
              case "applications" -> applications(t.getValueNode());
              case "oidc-clients" -> oidcClients(t.getValueNode());
              case "pull-secret" -> pullSecret(t.getValueNode());
              default -> vaultWriteToken = optionalString(t.getValueNode(), "vault-write-token");
            }
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new StaticSecretsFile(doc.display(), values, clients, pullSecret, vaultWriteToken);
    }

    private void applications(Node node) {
      if (isNull(node)) {
        return;
      }
      MappingNode apps = mapping(node, "applications");
      if (apps == null) {
        return;
      }
      for (NodeTuple app : apps.getValue()) {
        String appName = key(app, null, "applications");
        if (appName == null || isNull(app.getValueNode())) {
          continue;
        }
        MappingNode keys = mapping(app.getValueNode(), "applications." + appName);
        if (keys == null) {
          continue;
        }
        for (NodeTuple secret : keys.getValue()) {
          String key = key(secret, null, "applications." + appName);
          if (key == null) {
            continue;
          }
          String where = appName + "/" + key;
          MappingNode entry = mapping(secret.getValueNode(), where);
          if (entry == null) {
            continue;
          }
          for (NodeTuple field : entry.getValue()) {
            String f = key(field, ENTRY, where);
            if ("value".equals(f)) {
              SecretValue v = optionalString(field.getValueNode(), where + " value");
              if (v != null) {
                values.put(new SecretRef(appName, key), v);
              }
            }
          }
        }
      }
    }

    private void oidcClients(Node node) {
      if (isNull(node)) {
        return;
      }
      MappingNode map = mapping(node, "oidc-clients");
      if (map == null) {
        return;
      }
      for (NodeTuple client : map.getValue()) {
        String name = key(client, null, "oidc-clients");
        if (name == null) {
          continue;
        }
        Map<String, SecretValue> fields =
            fields(client.getValueNode(), CLIENT, "oidc-clients." + name);
        if (fields != null) {
          clients.add(
              new OidcClient(
                  name,
                  fields.get("id").reveal(),
                  fields.get("secret"),
                  fields.get("return_uri").reveal()));
        }
      }
    }

    private void pullSecret(Node node) {
      if (isNull(node)) {
        return;
      }
      MappingNode map = mapping(node, "pull-secret");
      if (map == null) {
        return;
      }
      Map<String, PullSecret.Registry> registries = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        String name = key(t, PULL, "pull-secret");
        if (!"registries".equals(name) || isNull(t.getValueNode())) {
          continue;
        }
        MappingNode regs = mapping(t.getValueNode(), "pull-secret.registries");
        if (regs == null) {
          continue;
        }
        for (NodeTuple r : regs.getValue()) {
          String host = key(r, null, "pull-secret.registries");
          if (host == null) {
            continue;
          }
          Map<String, SecretValue> fields =
              fields(r.getValueNode(), REGISTRY, "pull-secret.registries." + host);
          if (fields != null) {
            registries.put(
                host,
                new PullSecret.Registry(fields.get("username").reveal(), fields.get("password")));
          }
        }
      }
      if (!registries.isEmpty()) {
        pullSecret = new PullSecret(registries);
      }
    }

    /** A mapping whose fields are exactly {@code required}, all strings. */
    private @Nullable Map<String, SecretValue> fields(
        Node node, Set<String> required, String where) {
      MappingNode map = mapping(node, where);
      if (map == null) {
        return null;
      }
      int before = problems.size();
      Map<String, SecretValue> out = new TreeMap<>();
      for (NodeTuple t : map.getValue()) {
        String f = key(t, required, where);
        if (f != null) {
          SecretValue v = optionalString(t.getValueNode(), where + "." + f);
          if (v == null) {
            if (isNull(t.getValueNode())) {
              // A wrong type was reported by optionalString already; report null once too.
              problem(t.getValueNode(), where + "." + f + " must be a string");
            }
          } else {
            out.put(f, v);
          }
        }
      }
      for (String f : required) {
        if (!out.containsKey(f) && problems.size() == before) {
          problem(node, where + "." + f + " is required");
        }
      }
      return problems.size() == before ? out : null;
    }

    private @Nullable String key(
        NodeTuple tuple, @Nullable Set<String> allowed, @Nullable String where) {
      Node k = tuple.getKeyNode();
      if (!(k instanceof ScalarNode s) || !s.getTag().equals(Tag.STR)) {
        problem(k, (where == null ? "" : where + ": ") + "keys must be strings");
        return null;
      }
      if (allowed != null && !allowed.contains(s.getValue())) {
        problem(
            k,
            "unknown field "
                + (where == null ? "" : where + ".")
                + Names.quote(s.getValue())
                + "; allowed: "
                + new TreeSet<>(allowed));
        return null;
      }
      return s.getValue();
    }

    private @Nullable MappingNode mapping(Node node, String what) {
      if (node instanceof MappingNode m) {
        return m;
      }
      problem(node, what + " must be a mapping");
      return null;
    }

    /** A string or null; anything else is a problem. Values are never quoted in messages. */
    private @Nullable SecretValue optionalString(Node node, String what) {
      if (isNull(node)) {
        return null;
      }
      if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
        return SecretValue.of(s.getValue());
      }
      problem(node, what + " must be a string or null (quote numbers and booleans)");
      return null;
    }

    private static boolean isNull(Node node) {
      return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private void problem(Node node, String message) {
      problems.add(new Problem(doc.location(node), null, message));
    }
  }
}
