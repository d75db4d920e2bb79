package dev.phalanx.secrets.tests.phalanx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.cli.Main;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.providers.Providers;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the reference Phalanx ({@code PHALANX_BIN}) beside phalanx-secrets on the real tree and one
 * OpenBao, and requires the same stdout and exit codes, and stores that each tool audits clean
 * after the other synced them, with KV versions unchanged by the second tool's sync (issue 12).
 * Skipped, with a message, when {@code PHALANX_BIN} is not set (no server is started then); nothing
 * of Phalanx is part of the project.
 *
 * <p>One server and one copy of the tree (every environment's {@code vaultUrl} pointed at the
 * server: Phalanx has no other way) for the class. The empty-store audits run first; each later
 * test writes environments of its own. Phalanx's invocations (a few seconds each, mostly start-up)
 * run on {@code -Dphalanx.diff.threads} threads (default 3) while ours run in this JVM. {@code
 * list}, {@code static-template} and the empty-store {@code audit} cover a sample of eight
 * environments; {@code -Dphalanx.diff.environments=all} (or a comma-separated list) widens them.
 */
@ExtendWith(RequiresPhalanx.class)
@OpenBao
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Side by side with the reference Phalanx")
class PhalanxDifferentialIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The default sample for list, static-template and the empty-store audit: 1Password and not,
   * resolvable and not (usdfdev), onepassword layouts old and new, many and few applications.
   */
  private static final List<String> SAMPLE =
      List.of(
          "ccin2p3",
          "idfdev",
          "minikube",
          "roundtable-dev",
          "summit",
          "ukidacprod",
          "usdf-cm",
          "usdfdev");

  /** Environments synced by Phalanx then checked by us. */
  private static final List<String> PHALANX_FIRST =
      List.of("idfdev", "idfprod", "roundtable-dev", "ukidacdev", "ccin2p3");

  /** Environments synced by us then checked by Phalanx (all resolvable on the real tree). */
  private static final List<String> OURS_FIRST =
      List.of("idfint", "minikube", "roundtable-prod", "summit", "tucson-teststand");

  /** Environments whose sync lines are compared (first sync, then a sync of a drifted store). */
  private static final List<String> SYNC_LINES = List.of("base", "ukidacprod");

  /** The environment whose store is edited behind both tools' backs. */
  private static final String DRIFT = "idfdemo";

  private final OpenBaoServer server;
  private String phalanx;
  private Path sharedTree;
  private Path dir;
  private Path tree;
  private ExecutorService pool;

  PhalanxDifferentialIT(OpenBaoServer server) {
    this.server = server;
  }

  @BeforeAll
  void setUp(@TempDir Path scratch) throws IOException {
    phalanx = RequiresPhalanx.executable().orElseThrow().toString();
    String shared = System.getProperty("phalanx.shared.dir", "../../shared");
    sharedTree = Path.of(shared, "phalanx-config").toAbsolutePath().normalize();
    assertThat(sharedTree.resolve("applications"))
        .as("the real Phalanx tree (-Dphalanx.shared.dir)")
        .isDirectory();
    dir = scratch;
    tree = scratch.resolve("phalanx-config");
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
    String url = server.address().toString().replaceAll("/$", "");
    for (String env : allEnvironments()) {
      Path values = tree.resolve("environments/values-" + env + ".yaml");
      List<String> lines = new ArrayList<>();
      lines.add("vaultUrl: \"" + url + "\"");
      for (String line : Files.readAllLines(values)) {
        if (!line.startsWith("vaultUrl:")) {
          lines.add(line);
        }
      }
      Files.write(values, lines);
    }
    pool = Executors.newFixedThreadPool(Integer.getInteger("phalanx.diff.threads", 3));
  }

  @AfterAll
  void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private List<String> allEnvironments() throws IOException {
    try (Stream<Path> s = Files.list(sharedTree.resolve("environments"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("values-") && n.endsWith(".yaml"))
          .map(n -> n.substring("values-".length(), n.length() - ".yaml".length()))
          .sorted()
          .toList();
    }
  }

  /** The environments of the per-environment byte comparisons. */
  private List<String> environments() throws IOException {
    String chosen = System.getProperty("phalanx.diff.environments", "");
    if (chosen.isBlank()) {
      return SAMPLE;
    }
    if (chosen.equals("all")) {
      return allEnvironments();
    }
    return Arrays.stream(chosen.split(",")).map(String::trim).toList();
  }

  @Test
  @Order(1)
  @DisplayName("list and static-template: the same bytes")
  void listAndTemplate() throws IOException {
    List<String[]> commands = new ArrayList<>();
    for (String env : environments()) {
      for (String command : List.of("list", "static-template")) {
        commands.add(new String[] {"secrets", command, env, "-c", tree.toString()});
      }
    }
    List<String> differ = compare(commands);
    System.out.println(
        "list + static-template equal: "
            + (commands.size() - differ.size())
            + "/"
            + commands.size());
    assertThat(differ).isEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("audit of an empty store: same stdout and exit code")
  void auditEmptyStore() throws IOException {
    List<String[]> commands = new ArrayList<>();
    for (String env : environments()) {
      for (boolean filled : List.of(true, false)) {
        Path statics = statics(env, filled);
        commands.add(
            new String[] {"secrets", "audit", env, "-c", "" + tree, "--secrets", "" + statics});
      }
    }
    List<String> differ = compare(commands);
    System.out.println(
        "audit of an empty store equal: "
            + (commands.size() - differ.size())
            + "/"
            + commands.size());
    assertThat(differ).isEmpty();
  }

  @Test
  @Order(3)
  @DisplayName("errors exit 2 in both tools, with the same stdout")
  void errors() throws IOException {
    Path unresolved = statics("idfdev", false);
    List<String[]> cases =
        List.of(
            new String[] {"secrets", "list", "no-such-env", "-c", "" + tree},
            new String[] {
              "secrets", "audit", "no-such-env", "-c", "" + tree, "--secrets", "" + unresolved
            },
            new String[] {
              "secrets", "sync", "idfdev", "-c", "" + tree, "--secrets", "" + unresolved
            },
            new String[] {"secrets", "static-template", "no-such-env", "-c", "" + tree},
            new String[] {"secrets", "list", "idfdev", "-c", "" + tree, "--no-such-option"});
    List<Future<Run>> theirs = new ArrayList<>();
    for (String[] c : cases) {
      theirs.add(pool.submit(() -> phalanx(c)));
    }
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Run ours = ours(cases.get(i));
      Run their = join(theirs.get(i));
      String c = String.join(" ", cases.get(i));
      if (their.status != 2 || ours.status != 2 || !ours.out.equals(their.out)) {
        wrong.add(c + ": Phalanx " + their + "; ours " + ours);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  @Order(4)
  @DisplayName("Phalanx sync -> our audit clean, our sync writes nothing, KV versions unchanged")
  void phalanxThenOurs() throws IOException {
    Map<String, Path> statics = new LinkedHashMap<>();
    Map<String, Future<Run>> syncs = new LinkedHashMap<>();
    for (String env : PHALANX_FIRST) {
      Path file = statics(env, true);
      statics.put(env, file);
      syncs.put(
          env,
          pool.submit(
              () -> phalanx("secrets", "sync", env, "-c", "" + tree, "--secrets", "" + file)));
    }
    List<String> failures = new ArrayList<>();
    int clean = 0;
    for (String env : PHALANX_FIRST) {
      Run sync = join(syncs.get(env));
      String[] args = {"secrets", "", env, "-c", "" + tree, "--secrets", "" + statics.get(env)};
      if (sync.status != 0 || !sync.out.contains("Created Vault secret for ")) {
        failures.add(env + ": Phalanx sync " + sync);
        continue;
      }
      Map<String, Integer> before = versions(env);
      args[1] = "audit";
      Run audit = ours(args);
      args[1] = "sync";
      Run again = ours(args);
      Map<String, Integer> after = versions(env);
      boolean ok = true;
      if (audit.status != 0 || !audit.out.isEmpty()) {
        failures.add(env + ": our audit " + audit + ":\n" + audit.out);
        ok = false;
      }
      if (again.status != 0 || !again.out.isEmpty()) {
        failures.add(env + ": our second sync " + again + ":\n" + again.out);
        ok = false;
      }
      if (before.isEmpty() || !before.equals(after)) {
        failures.add(env + ": KV versions " + before + " -> " + after);
        ok = false;
      }
      System.out.println(
          "Phalanx sync -> ours, "
              + env
              + ": "
              + before.size()
              + " applications, audit "
              + (audit.status == 0 && audit.out.isEmpty() ? "clean" : "NOT clean")
              + ", our sync "
              + (again.out.isEmpty() ? "silent" : "wrote")
              + ", KV versions "
              + (before.equals(after) ? "unchanged" : "CHANGED"));
      if (ok) {
        clean++;
      }
    }
    System.out.println(
        "Phalanx sync -> our audit clean, our sync writes nothing, KV versions unchanged: "
            + clean
            + "/"
            + PHALANX_FIRST.size());
    assertThat(failures).isEmpty();
  }

  @Test
  @Order(5)
  @DisplayName(
      "our sync -> Phalanx audit clean, Phalanx sync writes nothing, KV versions unchanged")
  void oursThenPhalanx() throws IOException {
    record Checked(Run audit, Run sync) {}
    Map<String, Map<String, Integer>> before = new LinkedHashMap<>();
    Map<String, Future<Checked>> checks = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (String env : OURS_FIRST) {
      Path file = statics(env, true);
      Run sync = ours("secrets", "sync", env, "-c", "" + tree, "--secrets", "" + file);
      if (sync.status != 0 || !sync.out.contains("Created Vault secret for ")) {
        failures.add(env + ": our sync " + sync);
        continue;
      }
      before.put(env, versions(env));
      String[] args = {"secrets", "audit", env, "-c", "" + tree, "--secrets", "" + file};
      checks.put(
          env,
          pool.submit(
              () -> {
                Run audit = phalanx(args);
                String[] syncArgs = args.clone();
                syncArgs[1] = "sync";
                return new Checked(audit, phalanx(syncArgs));
              }));
    }
    int clean = 0;
    for (Map.Entry<String, Future<Checked>> e : checks.entrySet()) {
      String env = e.getKey();
      Checked c = join(e.getValue());
      Map<String, Integer> after = versions(env);
      boolean ok = true;
      if (c.audit.status != 0 || !c.audit.out.isEmpty()) {
        failures.add(env + ": Phalanx audit " + c.audit + ":\n" + c.audit.out);
        ok = false;
      }
      if (c.sync.status != 0 || !c.sync.out.isEmpty()) {
        failures.add(env + ": Phalanx second sync " + c.sync + ":\n" + c.sync.out);
        ok = false;
      }
      if (before.get(env).isEmpty() || !before.get(env).equals(after)) {
        failures.add(env + ": KV versions " + before.get(env) + " -> " + after);
        ok = false;
      }
      System.out.println(
          "our sync -> Phalanx, "
              + env
              + ": "
              + after.size()
              + " applications, audit "
              + (c.audit.status == 0 && c.audit.out.isEmpty() ? "clean" : "NOT clean")
              + ", Phalanx sync "
              + (c.sync.out.isEmpty() ? "silent" : "wrote")
              + ", KV versions "
              + (before.get(env).equals(after) ? "unchanged" : "CHANGED"));
      if (ok) {
        clean++;
      }
    }
    System.out.println(
        "our sync -> Phalanx audit clean, Phalanx sync writes nothing, KV versions unchanged: "
            + clean
            + "/"
            + OURS_FIRST.size());
    assertThat(failures).isEmpty();
  }

  @Test
  @Order(6)
  @DisplayName("drift (changed, deleted, unknown keys and applications): the same audit")
  @SuppressWarnings("unchecked")
  void drift() throws IOException {
    Path statics = statics(DRIFT, true);
    assertThat(ours("secrets", "sync", DRIFT, "-c", "" + tree, "--secrets", "" + statics).status)
        .isZero();
    String prefix = "secret/data/phalanx/" + DRIFT + "/";
    JsonNode gafaelfawr = read(prefix + "gafaelfawr");
    Map<String, Object> data = JSON.convertValue(gafaelfawr, Map.class);
    data.put("github-client-secret", "changed out of band");
    data.remove("session-secret");
    data.put("stray-key", "x");
    write(prefix + "gafaelfawr", data);
    write(prefix + "no-such-app", Map.of("k", "v"));
    write(prefix + "pull-secret", Map.of(".dockerconfigjson", "{}"));

    String[] args = {"secrets", "audit", DRIFT, "-c", "" + tree, "--secrets", "" + statics};
    Future<Run> phalanxAudit = pool.submit(() -> phalanx(args));
    Run ours = ours(args);
    Run theirs = join(phalanxAudit);
    assertThat(theirs.status).isEqualTo(1);
    assertThat(ours.out).isEqualTo(theirs.out).contains("gafaelfawr session-secret");
    assertThat(ours.status).isEqualTo(theirs.status);
    assertThat(theirs.out).contains("• pull-secret").contains("• no-such-app k");
  }

  @Test
  @Order(7)
  @DisplayName("sync prints the same lines in the same order (first sync, then after drift)")
  void syncLines() throws IOException {
    List<String> differ = new ArrayList<>();
    for (String env : SYNC_LINES) {
      Path file = statics(env, true);
      String[] args = {"secrets", "sync", env, "-c", "" + tree, "--secrets", "" + file};
      Run theirs = phalanx(args);
      assertThat(theirs.status).as(env + " " + theirs).isZero();
      wipe(env);
      Run ours = ours(args);
      assertThat(ours.status).as(env + " " + ours).isZero();
      if (!ours.out.equals(theirs.out)) {
        differ.add(env + " first sync:\n" + firstDifference(theirs.out, ours.out));
      }
      Map<String, Map<String, Object>> synced = stored(env);
      drift(env, synced);
      Run theirsAgain = phalanx(args);
      restore(env, synced);
      drift(env, synced);
      Run oursAgain = ours(args);
      assertThat(theirsAgain.status).as(env + " " + theirsAgain).isZero();
      assertThat(oursAgain.status).as(env + " " + oursAgain).isZero();
      assertThat(theirsAgain.out).as(env).contains("Updated Vault secret for ");
      // The one documented difference (README, "Better on purpose"): a bcrypt hash regenerated
      // because it was missing or stale also refreshes the mtime of the same source; Phalanx
      // keeps the stored mtime. Those lines of ours are set aside, and must be exactly that.
      Set<String> mtimeLines = mtimeLines(env);
      List<String> extra =
          oursAgain.out.lines().filter(l -> !theirsAgain.out.lines().toList().contains(l)).toList();
      String oursCompared =
          oursAgain
              .out
              .lines()
              .filter(l -> !(extra.contains(l) && mtimeLines.contains(l)))
              .map(l -> l + "\n")
              .reduce("", String::concat);
      if (!oursCompared.equals(theirsAgain.out)) {
        differ.add(
            env
                + " after drift:\n"
                + firstDifference(theirsAgain.out, oursCompared)
                + "\nPhalanx:\n"
                + theirsAgain.out
                + "ours:\n"
                + oursAgain.out);
      }
      System.out.println(
          "sync lines, " + env + ": our mtime refreshes Phalanx does not make: " + extra);
      System.out.println(
          "sync lines, "
              + env
              + ": first sync "
              + theirs.out.lines().count()
              + " lines, after drift "
              + theirsAgain.out.lines().count()
              + " lines, "
              + (ours.out.equals(theirs.out) && oursCompared.equals(theirsAgain.out)
                  ? "equal"
                  : "DIFFERENT"));
    }
    assertThat(differ).isEmpty();
  }

  /** The "Updated" line of every mtime secret of the environment. */
  private Set<String> mtimeLines(String env) {
    Set<String> lines = new HashSet<>();
    PhalanxEnvironment environment = PhalanxConfig.open(tree, Providers.load()).environment(env);
    for (Secret secret : environment.secrets()) {
      if (secret instanceof GeneratedSecret g && g.type().equals("mtime")) {
        lines.add("Updated Vault secret for " + g.ref().application() + " " + g.ref().key());
      }
    }
    return lines;
  }

  /** The stored data of every application of the environment. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> stored(String env) throws IOException {
    Map<String, Map<String, Object>> apps = new TreeMap<>();
    String prefix = prefix(env);
    String mount = prefix.substring(0, prefix.indexOf('/'));
    String path = prefix.substring(prefix.indexOf('/') + 1);
    for (String app : versions(env).keySet()) {
      apps.put(app, JSON.convertValue(read(mount + "/data/" + path + "/" + app), Map.class));
    }
    return apps;
  }

  /** Deletes every application of the environment, with its history. */
  private void wipe(String env) throws IOException {
    String prefix = prefix(env);
    String mount = prefix.substring(0, prefix.indexOf('/'));
    String path = prefix.substring(prefix.indexOf('/') + 1);
    for (String app : versions(env).keySet()) {
      server.call("DELETE", mount + "/metadata/" + path + "/" + app, null);
    }
  }

  /** Puts the stored data back as it was (deleting applications added since). */
  private void restore(String env, Map<String, Map<String, Object>> apps) throws IOException {
    wipe(env);
    String prefix = prefix(env);
    String mount = prefix.substring(0, prefix.indexOf('/'));
    String path = prefix.substring(prefix.indexOf('/') + 1);
    for (Map.Entry<String, Map<String, Object>> e : apps.entrySet()) {
      write(mount + "/data/" + path + "/" + e.getKey(), e.getValue());
    }
  }

  /**
   * The same edits every time: the second application deleted, every even one loses its first key,
   * every third one has its last key changed.
   */
  private void drift(String env, Map<String, Map<String, Object>> apps) throws IOException {
    String prefix = prefix(env);
    String mount = prefix.substring(0, prefix.indexOf('/'));
    String path = prefix.substring(prefix.indexOf('/') + 1);
    int i = 0;
    for (Map.Entry<String, Map<String, Object>> e : apps.entrySet()) {
      String where = mount + "/data/" + path + "/" + e.getKey();
      Map<String, Object> data = new TreeMap<>(e.getValue());
      if (i == 1) {
        server.call("DELETE", mount + "/metadata/" + path + "/" + e.getKey(), null);
      } else if (!e.getKey().equals("pull-secret") && data.size() > 1) {
        if (i % 2 == 0) {
          data.remove(data.keySet().iterator().next());
        }
        if (i % 3 == 0) {
          data.put(((TreeMap<String, Object>) data).lastKey(), "drifted");
        }
        write(where, data);
      }
      i++;
    }
  }

  // --- helpers ---

  /** Runs each command in both tools (Phalanx's in the pool) and names those that differ. */
  private List<String> compare(List<String[]> commands) {
    List<Future<Run>> theirs = new ArrayList<>();
    for (String[] c : commands) {
      theirs.add(pool.submit(() -> phalanx(c)));
    }
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Run ours = ours(commands.get(i));
      Run their = join(theirs.get(i));
      if (!their.same(ours)) {
        differ.add(
            String.join(" ", Arrays.copyOf(commands.get(i), 3))
                + ": Phalanx "
                + their
                + "; ours "
                + ours
                + "\n"
                + firstDifference(their.out, ours.out));
      }
    }
    return differ;
  }

  private static String firstDifference(String a, String b) {
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      String l = i < x.size() ? x.get(i) : "<end>";
      String r = i < y.size() ? y.get(i) : "<end>";
      if (!l.equals(r)) {
        return "  line " + (i + 1) + ": Phalanx [" + l + "] ours [" + r + "]";
      }
    }
    return "  (lines equal; final newline differs)";
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get(600, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The static template of the environment, filled in (or left null) plus a pull secret. */
  @SuppressWarnings("unchecked")
  private Path statics(String env, boolean filled) throws IOException {
    Path file = dir.resolve(env + (filled ? "-filled" : "-null") + ".yaml");
    if (Files.exists(file)) {
      return file;
    }
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
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      Path out = Files.createTempFile(dir, "phalanx-out", ".txt");
      Path err = Files.createTempFile(dir, "phalanx-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("phalanx did not finish in 300 s: " + command);
      }
      Run run =
          new Run(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
          + err.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
    }
  }
}
