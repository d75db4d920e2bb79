package dev.phalanx.secrets.tests.phalanx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.cli.Main;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the reference Phalanx ({@code PHALANX_BIN}) beside phalanx-secrets on the real tree and one
 * OpenBao, and requires the same stdout and exit codes, and stores that each tool audits clean
 * after the other synced them (issue 12). Skipped, with a message, when {@code PHALANX_BIN} is not
 * set; nothing of Phalanx is part of the project. One server for the class: the empty-store audits
 * run first, and each later test writes environments of its own.
 */
@OpenBao
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Side by side with the reference Phalanx")
class PhalanxDifferentialIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Environments synced by Phalanx then checked by us. */
  private static final List<String> PHALANX_FIRST =
      List.of("idfdev", "idfprod", "roundtable-dev", "ukidacdev", "ccin2p3");

  /** Environments synced by us then checked by Phalanx (all resolvable on the real tree). */
  private static final List<String> OURS_FIRST =
      List.of("idfint", "minikube", "roundtable-prod", "summit", "tucson-teststand");

  private static String phalanx;
  private static Path sharedTree;

  private final OpenBaoServer server;
  @TempDir Path dir;
  private Path tree;

  PhalanxDifferentialIT(OpenBaoServer server) {
    this.server = server;
  }

  @BeforeAll
  static void reference() {
    String bin = System.getenv("PHALANX_BIN");
    if (bin == null || bin.isBlank() || !Files.isExecutable(Path.of(bin))) {
      String message =
          "SKIPPED PhalanxDifferentialIT: set PHALANX_BIN to a reference phalanx executable"
              + " (Phalanx HEAD 650a0ef2cb44) to compare the two tools side by side";
      System.err.println(message);
      Assumptions.abort(message);
    }
    phalanx = bin;
    String shared = System.getProperty("phalanx.shared.dir", "../../shared");
    sharedTree = Path.of(shared, "phalanx-config").toAbsolutePath().normalize();
    if (!Files.isDirectory(sharedTree.resolve("applications"))) {
      String message = "SKIPPED PhalanxDifferentialIT: no real Phalanx tree at " + sharedTree;
      System.err.println(message);
      Assumptions.abort(message);
    }
  }

  /**
   * A copy of the tree whose environments all point at this test's OpenBao (Phalanx's only way).
   */
  @BeforeEach
  void tree() throws IOException {
    tree = dir.resolve("phalanx-config");
    try (Stream<Path> files = Files.walk(sharedTree)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = tree.resolve(sharedTree.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    for (String env : environments()) {
      Path values = tree.resolve("environments/values-" + env + ".yaml");
      List<String> lines = new ArrayList<>();
      lines.add("vaultUrl: \"" + server.address().toString().replaceAll("/$", "") + "\"");
      for (String line : Files.readAllLines(values)) {
        if (!line.startsWith("vaultUrl:")) {
          lines.add(line);
        }
      }
      Files.write(values, lines);
    }
  }

  private List<String> environments() throws IOException {
    try (Stream<Path> s = Files.list(sharedTree.resolve("environments"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("values-") && n.endsWith(".yaml"))
          .map(n -> n.substring("values-".length(), n.length() - ".yaml".length()))
          .sorted()
          .toList();
    }
  }

  @Test
  @Order(1)
  @DisplayName("list and static-template: the same bytes for every environment")
  void listAndTemplate() throws IOException {
    List<String> differ = new ArrayList<>();
    int n = 0;
    for (String env : environments()) {
      for (String command : List.of("list", "static-template")) {
        Run theirs = phalanx("secrets", command, env, "-c", tree.toString());
        Run ours = ours("secrets", command, env, "-c", tree.toString());
        n++;
        if (!theirs.same(ours)) {
          differ.add(command + " " + env);
        }
      }
    }
    System.out.println("list + static-template equal: " + (n - differ.size()) + "/" + n);
    assertThat(differ).isEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("audit of an empty store: same stdout and exit code for every environment")
  void auditEmptyStore() throws IOException {
    List<String> differ = new ArrayList<>();
    int n = 0;
    for (String env : environments()) {
      for (boolean filled : List.of(true, false)) {
        Path statics = statics(env, filled);
        n++;
        Run theirs =
            phalanx("secrets", "audit", env, "-c", tree.toString(), "--secrets", "" + statics);
        Run ours = ours("secrets", "audit", env, "-c", tree.toString(), "--secrets", "" + statics);
        if (!theirs.same(ours)) {
          differ.add(
              env + (filled ? " (filled)" : " (unresolved)") + ": " + theirs + " vs " + ours);
        }
      }
    }
    System.out.println("audit of an empty store equal: " + (n - differ.size()) + "/" + n);
    assertThat(differ).isEmpty();
  }

  @Test
  @Order(4)
  @DisplayName("Phalanx sync -> our audit clean, our sync writes nothing")
  void phalanxThenOurs() throws IOException {
    int clean = 0;
    for (String env : PHALANX_FIRST) {
      Path statics = statics(env, true);
      Run sync = phalanx("secrets", "sync", env, "-c", tree.toString(), "--secrets", "" + statics);
      assertThat(sync.status).as(sync.toString()).isZero();
      Map<String, Integer> versions = versions(env);
      assertThat(versions).isNotEmpty();
      Run audit = ours("secrets", "audit", env, "-c", tree.toString(), "--secrets", "" + statics);
      Run again = ours("secrets", "sync", env, "-c", tree.toString(), "--secrets", "" + statics);
      assertThat(audit.status).as(env + " " + audit).isZero();
      assertThat(audit.out).isEmpty();
      assertThat(again.status).as(again.toString()).isZero();
      assertThat(again.out).isEmpty();
      assertThat(versions(env)).as(env + ": KV versions").isEqualTo(versions);
      clean++;
    }
    System.out.println("Phalanx sync -> our audit clean, our sync writes nothing: " + clean + "/5");
  }

  @Test
  @Order(5)
  @DisplayName("our sync -> Phalanx audit clean, Phalanx sync writes nothing")
  void oursThenPhalanx() throws IOException {
    int clean = 0;
    for (String env : OURS_FIRST) {
      Path statics = statics(env, true);
      Run sync = ours("secrets", "sync", env, "-c", tree.toString(), "--secrets", "" + statics);
      assertThat(sync.status).as(sync.toString()).isZero();
      assertThat(sync.out).contains("Created Vault secret for ");
      Map<String, Integer> versions = versions(env);
      Run audit =
          phalanx("secrets", "audit", env, "-c", tree.toString(), "--secrets", "" + statics);
      Run again = phalanx("secrets", "sync", env, "-c", tree.toString(), "--secrets", "" + statics);
      assertThat(audit.status).as(env + " " + audit).isZero();
      assertThat(audit.out).isEmpty();
      assertThat(again.status).as(again.toString()).isZero();
      assertThat(again.out).as(env).isEmpty();
      assertThat(versions(env)).as(env + ": KV versions").isEqualTo(versions);
      clean++;
    }
    System.out.println(
        "our sync -> Phalanx audit clean, Phalanx sync writes nothing: " + clean + "/5");
  }

  @Test
  @Order(6)
  @DisplayName("drift (changed, deleted, unknown keys and applications): the same audit")
  @SuppressWarnings("unchecked")
  void drift() throws IOException {
    String env = "idfdemo";
    Path statics = statics(env, true);
    assertThat(ours("secrets", "sync", env, "-c", "" + tree, "--secrets", "" + statics).status)
        .isZero();
    String prefix = "secret/data/phalanx/idfdemo/";
    JsonNode gafaelfawr = read(prefix + "gafaelfawr");
    Map<String, Object> data = JSON.convertValue(gafaelfawr, Map.class);
    data.put("github-client-secret", "changed out of band");
    data.remove("session-secret");
    data.put("stray-key", "x");
    write(prefix + "gafaelfawr", data);
    write(prefix + "no-such-app", Map.of("k", "v"));
    write(prefix + "pull-secret", Map.of(".dockerconfigjson", "{}"));

    Run theirs = phalanx("secrets", "audit", env, "-c", "" + tree, "--secrets", "" + statics);
    Run ours = ours("secrets", "audit", env, "-c", "" + tree, "--secrets", "" + statics);
    assertThat(theirs.status).isEqualTo(1);
    assertThat(ours.out).isEqualTo(theirs.out).contains("gafaelfawr session-secret");
    assertThat(ours.status).isEqualTo(theirs.status);
    assertThat(theirs.out).contains("• pull-secret").contains("• no-such-app k");
  }

  @Test
  @Order(3)
  @DisplayName("errors exit 2 in both tools")
  void errors() throws IOException {
    Path unresolved = statics("idfdev", false);
    List<List<String>> cases =
        List.of(
            List.of("secrets", "list", "no-such-env", "-c", "" + tree),
            List.of(
                "secrets", "audit", "no-such-env", "-c", "" + tree, "--secrets", "" + unresolved),
            List.of("secrets", "sync", "idfdev", "-c", "" + tree, "--secrets", "" + unresolved),
            List.of("secrets", "static-template", "no-such-env", "-c", "" + tree),
            List.of("secrets", "list", "idfdev", "-c", "" + tree, "--no-such-option"));
    for (List<String> c : cases) {
      String[] args = c.toArray(String[]::new);
      Run theirs = phalanx(args);
      Run ours = ours(args);
      assertThat(theirs.status).as(c + " " + theirs).isEqualTo(2);
      assertThat(ours.status).as(c + " " + ours).isEqualTo(2);
      assertThat(ours.out).isEqualTo(theirs.out);
    }
  }

  // --- helpers ---

  /** The static template of the environment, filled in (or left null) plus a pull secret. */
  @SuppressWarnings("unchecked")
  private Path statics(String env, boolean filled) throws IOException {
    Run template = ours("static-template", env, "-c", tree.toString());
    assertThat(template.status).as(template.err).isZero();
    Map<String, Object> root = new Yaml().load(template.out);
    Map<String, Map<String, Map<String, Object>>> apps =
        (Map<String, Map<String, Map<String, Object>>>) root.get("applications");
    if (filled) {
      apps.forEach((app, keys) -> keys.forEach((key, s) -> s.put("value", "v-" + app + "-" + key)));
      Map<String, Object> registries = new LinkedHashMap<>();
      registries.put("ghcr.io", new TreeMap<>(Map.of("username", "u1", "password", "p1")));
      registries.put("docker.io", new TreeMap<>(Map.of("username", "u2", "password", "p2")));
      ((Map<String, Object>) root.get("pull-secret")).put("registries", registries);
    }
    root.put("vault-write-token", server.rootToken().reveal());
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = dir.resolve(env + (filled ? "-filled" : "-null") + ".yaml");
    Files.writeString(file, new Yaml(options).dump(root));
    return file;
  }

  private String prefix(String env) throws IOException {
    for (String line : Files.readAllLines(tree.resolve("environments/values-" + env + ".yaml"))) {
      if (line.startsWith("vaultPathPrefix:")) {
        return line.substring("vaultPathPrefix:".length()).trim().replace("\"", "");
      }
    }
    throw new IllegalStateException("no vaultPathPrefix for " + env);
  }

  /** The current KV version of every application stored for the environment. */
  private Map<String, Integer> versions(String env) throws IOException {
    String prefix = prefix(env);
    String mount = prefix.substring(0, prefix.indexOf('/'));
    String path = prefix.substring(prefix.indexOf('/') + 1);
    OpenBaoServer.Response list = server.call("LIST", mount + "/metadata/" + path, null);
    Map<String, Integer> versions = new TreeMap<>();
    if (list.status() == 404) {
      return versions;
    }
    for (JsonNode key : JSON.readTree(list.body()).path("data").path("keys")) {
      OpenBaoServer.Response meta =
          server.call("GET", mount + "/metadata/" + path + "/" + key.asText(), null);
      versions.put(
          key.asText(), JSON.readTree(meta.body()).path("data").path("current_version").asInt());
    }
    return versions;
  }

  private JsonNode read(String path) throws IOException {
    return JSON.readTree(server.call("GET", path, null).body()).path("data").path("data");
  }

  private void write(String path, Map<String, ?> data) throws IOException {
    OpenBaoServer.Response r =
        server.call("POST", path, JSON.writeValueAsString(Map.of("data", data)));
    assertThat(r.status()).as(r.body()).isBetween(200, 204);
  }

  private Run phalanx(String... args) {
    List<String> command = new ArrayList<>();
    command.add(phalanx);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("VAULT_TOKEN", server.rootToken().reveal());
    pb.environment().remove("OP_CONNECT_TOKEN");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] err;
      byte[] out;
      var errReader =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      out = p.getInputStream().readAllBytes();
      err = errReader.join();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("phalanx did not finish: " + command);
      }
      return new Run(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Run ours(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  /** One run of either tool. */
  private record Run(int status, String out, String err) {
    boolean same(Run other) {
      return status == other.status && out.equals(other.out);
    }

    @Override
    public String toString() {
      return "exit "
          + status
          + ", stdout "
          + out.length()
          + " chars, stderr: "
          + err.lines().findFirst().orElse("");
    }
  }
}
