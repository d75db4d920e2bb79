package dev.phalanx.secrets.tests.vault;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.StaticSecretsFile;
import dev.phalanx.secrets.config.StaticTemplate;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Shared helpers of the Vault end-to-end tests: trees, static files, stores, KV metadata. */
public final class VaultFixtures {

  private static final Pattern CURRENT_VERSION =
      Pattern.compile("\"current_version\"\\s*:\\s*(\\d+)");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private VaultFixtures() {}

  /**
   * The real Phalanx tree ({@code phalanx.shared.dir}/phalanx-config), or the test is skipped with
   * a visible message.
   *
   * @return the tree
   */
  public static Path realTree() {
    String shared = System.getProperty("phalanx.shared.dir", "../../shared");
    Path tree = Path.of(shared, "phalanx-config");
    if (!Files.isDirectory(tree.resolve("applications"))) {
      String message = "SKIPPED: the real Phalanx tree is not at " + tree.toAbsolutePath();
      System.err.println(message);
      Assumptions.abort(message);
    }
    return tree;
  }

  /**
   * The example tree of the repository ({@code examples/phalanx}).
   *
   * @return the tree
   */
  public static Path exampleTree() {
    Path here = Path.of("").toAbsolutePath();
    Path examples = here.resolveSibling("examples");
    if (!Files.isDirectory(examples)) {
      examples = here.resolve("examples");
    }
    return examples.resolve("phalanx");
  }

  /**
   * A random alphanumeric string.
   *
   * @param length its length
   * @return the string
   */
  public static String random(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /**
   * The environment's static template with a random value for every static secret and one pull
   * secret registry, written to a file.
   *
   * @param env the environment
   * @param file where to write it
   * @param writeToken the vault-write-token to put in the file, or null
   * @return the file
   */
  @SuppressWarnings("unchecked")
  public static Path filledStaticFile(
      PhalanxEnvironment env, Path file, @Nullable String writeToken) {
    Yaml yaml = new Yaml();
    Map<String, Object> root = yaml.load(StaticTemplate.render(env));
    Map<String, Object> apps = (Map<String, Object>) root.get("applications");
    for (Object keys : apps.values()) {
      for (Object entry : ((Map<String, Object>) keys).values()) {
        ((Map<String, Object>) entry).put("value", random(24));
      }
    }
    Map<String, Object> registry = new LinkedHashMap<>();
    registry.put("username", "robot-" + random(6));
    registry.put("password", random(32));
    Map<String, Object> pull = (Map<String, Object>) root.get("pull-secret");
    pull.put("registries", new TreeMap<>(Map.of("ghcr.io", registry)));
    root.put("vault-write-token", writeToken);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, new Yaml(options).dump(root), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Reads a static file for an environment.
   *
   * @param env the environment
   * @param file the file
   * @return the static secrets it gives
   */
  public static StaticSecrets statics(PhalanxEnvironment env, Path file) {
    return StaticSecretsFile.read(file)
        .select(SecretsEngine.staticSecretsRequest(env, Providers.load()));
  }

  /**
   * A Vault store on the dev server with its root token.
   *
   * @param server the server
   * @param prefix {@code <mount>/<path>}
   * @param env the environment
   * @param options extra store options
   * @return the store
   */
  public static VaultSecretStore store(
      OpenBaoServer server, String prefix, PhalanxEnvironment env, Map<String, String> options) {
    return store(server.address().toString(), server.rootToken(), prefix, env, options);
  }

  /**
   * A Vault store at a URL with a token.
   *
   * @param url the server URL
   * @param token the token
   * @param prefix {@code <mount>/<path>}
   * @param env the environment
   * @param options extra store options
   * @return the store
   */
  public static VaultSecretStore store(
      String url,
      SecretValue token,
      String prefix,
      PhalanxEnvironment env,
      Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put("vault-url", url);
    return VaultSecretStore.open(
        new StoreConfig(prefix, all, Map.of("vault-token", token), env.settings()));
  }

  /**
   * The KV v2 {@code current_version} of every application under a prefix, read from {@code
   * <mount>/metadata/...} through the HTTP API (independently of the store under test).
   *
   * @param server the server
   * @param prefix {@code <mount>/<path>}
   * @return application to current version, sorted
   */
  public static Map<String, Long> versions(OpenBaoServer server, String prefix) {
    int slash = prefix.indexOf('/');
    String mount = prefix.substring(0, slash);
    String path = prefix.substring(slash + 1);
    OpenBaoServer.Response list = server.call("LIST", mount + "/metadata/" + path, null);
    Map<String, Long> versions = new TreeMap<>();
    if (list.status() == 404) {
      return versions;
    }
    Matcher keys = Pattern.compile("\"keys\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(list.body());
    if (!keys.find()) {
      throw new IllegalStateException("no keys in LIST answer: " + list.status());
    }
    for (String quoted : keys.group(1).split(",")) {
      String app = quoted.strip().replace("\"", "");
      if (app.isEmpty() || app.endsWith("/")) {
        continue;
      }
      OpenBaoServer.Response meta =
          server.call("GET", mount + "/metadata/" + path + "/" + app, null);
      Matcher m = CURRENT_VERSION.matcher(meta.body());
      if (meta.status() != 200 || !m.find()) {
        throw new IllegalStateException("metadata of " + app + ": " + meta.status());
      }
      versions.put(app, Long.parseLong(m.group(1)));
    }
    return versions;
  }

  /**
   * Mounts a KV v2 secrets engine.
   *
   * @param server the server
   * @param mount the mount path
   */
  public static void mountKv2(OpenBaoServer server, String mount) {
    OpenBaoServer.Response r =
        server.call(
            "POST", "sys/mounts/" + mount, "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
    if (r.status() >= 300 && !r.body().contains("existing mount")) {
      throw new IllegalStateException("mounting " + mount + ": " + r.status() + " " + r.body());
    }
  }
}
