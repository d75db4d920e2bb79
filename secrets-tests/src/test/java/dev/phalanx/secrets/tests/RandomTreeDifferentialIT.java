package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.providers.Providers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: randomised differential test. Generates configuration trees (every spec kind,
 * conditions on all kinds of Helm values, lenient booleans, YAML 1.1 scalars, integer and unicode
 * keys, merge keys), runs {@code phalanx secrets list} of a reference Phalanx and our {@code list}
 * (the same lines, from the library) on every environment, and compares.
 *
 * <p>A pair is equal when both print the same bytes or both reject the tree. The only accepted
 * difference is the one README lists under "Differences from Phalanx": Phalanx crashes with a
 * Python traceback where we give a clean answer (a condition that walks through a number, boolean,
 * null or list). Anything else fails the test, naming the seed; the trees are kept under {@code
 * target/random-trees}.
 *
 * <p>Runs only when {@code PHALANX_BIN} names a reference {@code phalanx} executable; skipped with
 * a visible message otherwise. {@code -Dparity.trees=N} (default 40) and {@code -Dparity.seed=S}
 * choose the trees. Also compares the real tree's 24 environments byte for byte.
 */
@DisplayName("Randomised differential test against a reference Phalanx")
class RandomTreeDifferentialIT {

  static Path phalanx;

  @BeforeAll
  static void reference() {
    String bin = System.getenv("PHALANX_BIN");
    if (bin == null || bin.isBlank() || !Files.isExecutable(Path.of(bin))) {
      String message =
          "SKIPPED: set PHALANX_BIN to a reference phalanx executable to run the randomised"
              + " differential test (PHALANX_BIN="
              + bin
              + ")";
      System.err.println(message);
      Assumptions.abort(message);
    }
    phalanx = Path.of(bin);
  }

  /** What one tool made of one environment. */
  record Outcome(boolean ok, String out, boolean crashed) {}

  static Outcome runPhalanx(Path root, String env) throws IOException, InterruptedException {
    Path out = Files.createTempFile("phalanx-out", ".txt");
    Path err = Files.createTempFile("phalanx-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(phalanx.toString(), "secrets", "list", env, "-c", root.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("phalanx did not finish for " + root + " " + env);
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      // A crash is an uncaught Python error, not a validation or configuration error.
      boolean crashed =
          stderr.contains("Traceback")
              && Pattern.compile("(?m)^(TypeError|AttributeError|KeyError|IndexError)")
                  .matcher(stderr)
                  .find();
      return new Outcome(
          p.exitValue() == 0,
          p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : lastLines(stderr),
          crashed);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String lastLines(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
  }

  static Outcome runOurs(Path root, String env) {
    try {
      StringBuilder text = new StringBuilder();
      for (Secret s : PhalanxConfig.open(root, Providers.load()).environment(env).secrets()) {
        text.append(s.application()).append(' ').append(s.key()).append('\n');
      }
      return new Outcome(true, text.toString(), false);
    } catch (ConfigurationException e) {
      return new Outcome(false, e.getMessage(), false);
    }
  }

  @Test
  @DisplayName("list is equal on generated trees (or the difference is a listed Phalanx crash)")
  void randomTrees() throws Exception {
    int trees = Integer.getInteger("parity.trees", 40);
    long seed = Long.getLong("parity.seed", 20261202L);
    Path base = Path.of("target", "random-trees").toAbsolutePath();
    Map<String, Integer> classes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int pairs = 0;
    for (int t = 0; t < trees; t++) {
      long treeSeed = seed + t;
      Path root = base.resolve("tree-" + treeSeed);
      List<String> envs = new TreeGenerator(new Random(treeSeed)).write(root);
      for (String env : envs) {
        pairs++;
        Outcome theirs = runPhalanx(root, env);
        Outcome ours = runOurs(root, env);
        String kind;
        if (theirs.ok() && ours.ok()) {
          kind = theirs.out().equals(ours.out()) ? "equal output" : "DIFFERENT OUTPUT";
        } else if (!theirs.ok() && !ours.ok()) {
          kind = theirs.crashed() ? "both reject (Phalanx crashes)" : "both reject";
        } else if (!theirs.ok() && theirs.crashed()) {
          kind = "listed: Phalanx crashes, we answer";
        } else {
          kind = theirs.ok() ? "WE REJECT, PHALANX ACCEPTS" : "WE ACCEPT, PHALANX REJECTS";
        }
        classes.merge(kind, 1, Integer::sum);
        if (kind.equals(kind.toUpperCase(Locale.ROOT))) {
          failures.add(
              kind
                  + ": seed "
                  + treeSeed
                  + " env "
                  + env
                  + " ("
                  + root
                  + ")\n  phalanx: "
                  + theirs.out().strip().replace("\n", "\n           ")
                  + "\n  ours:    "
                  + ours.out().strip().replace("\n", "\n           "));
        }
      }
    }
    int equal =
        classes.entrySet().stream()
            .filter(e -> e.getKey().startsWith("equal") || e.getKey().startsWith("both"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    System.err.println(
        "randomised differential: " + equal + " equal of " + pairs + " pairs; " + classes);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  @DisplayName("list is byte-identical on the 24 environments of the real tree")
  void realTree() throws Exception {
    Path tree = SharedTree.phalanxConfig();
    List<String> envs = PhalanxConfig.open(tree, Providers.load()).environmentNames();
    assertEquals(24, envs.size());
    List<String> different = new ArrayList<>();
    for (String env : envs) {
      Outcome theirs = runPhalanx(tree, env);
      Outcome ours = runOurs(tree, env);
      if (!theirs.ok() || !ours.ok() || !theirs.out().equals(ours.out())) {
        different.add(env);
      }
    }
    System.err.println("real tree: " + (envs.size() - different.size()) + " of 24 identical");
    assertTrue(different.isEmpty(), "list differs for " + different);
  }

  /** Writes one random configuration tree. */
  static final class TreeGenerator {
    private static final String[] APPS = {"alpha", "beta", "gamma", "delta", "eps", "zeta"};
    private static final String[] KEYS = {
      "password",
      "token",
      "UPPER",
      "dotted.key",
      "é-key",
      "ключ",
      "\uFF4B\uFF45\uFF59",
      "\uD83D\uDD11-key",
      "\uFF21",
      "\uD83D\uDE00",
      "z",
      "a_b",
      "0",
      "80"
    };
    private static final String[] VALUE_KEYS = {
      "enabled", "config", "ingress", "ports", "ключ", "\uFF21", "\uD83D\uDE00", "x", "80", "on"
    };
    private static final String[] SCALARS = {
      "true",
      "false",
      "0",
      "1",
      "\"\"",
      "\"0\"",
      "0e0",
      "1e5",
      "0.0",
      "1.0e+5",
      "0.0e+0",
      "yes",
      "no",
      "on",
      "off",
      "~",
      "null",
      "abc",
      "[]",
      "{}",
      "[x]",
      "{a: 1}",
      "0x0",
      "0o7",
      "0_0",
      ".5",
      "-0.0",
      "\"false\"",
      ".nan",
      "1_000",
      "2001-01-01"
    };
    private static final String[] BOOLEANS = {
      "true",
      "false",
      "\"true\"",
      "\"false\"",
      "1",
      "0",
      "yes",
      "no",
      "\"yes\"",
      "\"off\"",
      "on",
      "\"T\"",
      "\"n\"",
      "1.0",
      "0.0"
    };

    private final Random random;
    private final Map<String, List<List<String>>> paths = new LinkedHashMap<>();

    TreeGenerator(Random random) {
      this.random = random;
    }

    private <T> T pick(T[] options) {
      return options[random.nextInt(options.length)];
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    List<String> write(Path root) throws IOException {
      if (Files.exists(root)) {
        try (var walk = Files.walk(root)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      List<String> apps = new ArrayList<>();
      for (String app : APPS) {
        if (apps.isEmpty() || chance(70)) {
          apps.add(app);
        }
      }
      List<String> envs = new ArrayList<>();
      int count = 2 + random.nextInt(2);
      for (int i = 0; i < count; i++) {
        envs.add("env" + i);
      }
      StringBuilder base = new StringBuilder();
      base.append("name: \"\"\nfqdn: \"\"\nappOfAppsName: \"app-of-apps\"\n")
          .append("vaultUrl: \"https://vault.example.com/\"\nvaultPathPrefix: \"\"\n")
          .append("applications:\n");
      for (String app : apps) {
        base.append("  ").append(app).append(": false\n");
      }
      write(root.resolve("environments/values.yaml"), base.toString());
      write(root.resolve("environments/Chart.yaml"), "apiVersion: v2\nname: science-platform\n");
      for (String env : envs) {
        StringBuilder e = new StringBuilder();
        e.append("name: ").append(env).append("\nfqdn: ").append(env).append(".example.com\n");
        e.append("vaultPathPrefix: secret/phalanx/").append(env).append("\napplications:\n");
        for (String app : apps) {
          if (chance(75)) {
            e.append("  ").append(app).append(": ").append(pick(BOOLEANS)).append('\n');
          }
        }
        write(root.resolve("environments/values-" + env + ".yaml"), e.toString());
      }
      for (String app : apps) {
        writeApp(root, app, apps, envs);
      }
      return envs;
    }

    private void writeApp(Path root, String app, List<String> apps, List<String> envs)
        throws IOException {
      Path dir = root.resolve("applications").resolve(app);
      write(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: " + app + "\nversion: 1.0.0\n");
      write(
          root.resolve("environments/templates/applications/rsp/" + app + ".yaml"),
          "spec:\n  destination:\n    namespace: " + app + "\n");
      List<List<String>> known = new ArrayList<>();
      paths.put(app, known);
      // Phalanx reads every environment's values-ENV and secrets-ENV file of an application
      // (we read only the environment asked for, a listed difference): keep those valid.
      write(dir.resolve("values.yaml"), values(known, false));
      for (String env : envs) {
        if (chance(40)) {
          write(dir.resolve("values-" + env + ".yaml"), values(known, true));
        }
      }
      write(dir.resolve("secrets.yaml"), secrets(app, apps, known, false));
      for (String env : envs) {
        if (chance(25)) {
          write(dir.resolve("secrets-" + env + ".yaml"), secrets(app, apps, known, true));
        }
      }
    }

    private String values(List<List<String>> known, boolean stringKeys) {
      StringBuilder sb = new StringBuilder();
      if (chance(15)) {
        sb.append("anchors:\n  one: &one {k: 1, m: 0}\n  two: &two {k: 0, m: 1}\n");
        sb.append("merged:\n  <<: [*one, *two]\n");
        known.add(List.of("merged", "k"));
        known.add(List.of("merged", "m"));
      }
      int top = 1 + random.nextInt(4);
      List<String> used = new ArrayList<>(List.of("anchors", "merged"));
      for (int i = 0; i < top; i++) {
        String key = pick(VALUE_KEYS);
        // Never a duplicate key: we reject those, PyYAML keeps the last (a listed difference).
        if (used.contains(key)) {
          continue;
        }
        used.add(key);
        sb.append(stringKeys ? "\"" + key + "\"" : yamlKey(key)).append(":");
        node(sb, List.of(key), 1, known);
      }
      return sb.toString();
    }

    private void node(StringBuilder sb, List<String> path, int depth, List<List<String>> known) {
      known.add(path);
      if (depth < 3 && chance(55)) {
        sb.append('\n');
        List<String> used = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          String key = pick(VALUE_KEYS);
          if (used.contains(key)) {
            continue;
          }
          used.add(key);
          sb.append("  ".repeat(depth)).append(yamlKey(key)).append(":");
          List<String> child = new ArrayList<>(path);
          child.add(key);
          node(sb, child, depth + 1, known);
        }
      } else {
        sb.append(' ').append(pick(SCALARS)).append('\n');
      }
    }

    /** Keys as written: sometimes plain (so 80 and on are not strings), sometimes quoted. */
    private String yamlKey(String key) {
      boolean plainOk = key.matches("[A-Za-z0-9_]+");
      return plainOk && chance(70) ? key : "\"" + key + "\"";
    }

    private String condition(List<List<String>> known) {
      if (chance(5)) {
        return "\"\"";
      }
      List<String> path =
          known.isEmpty()
              ? List.of("missing")
              : new ArrayList<>(known.get(random.nextInt(known.size())));
      if (chance(10)) {
        path = new ArrayList<>(path);
        path.add("deeper");
      }
      if (chance(5)) {
        return "\"" + String.join(".", path) + ".\"";
      }
      if (chance(5)) {
        return "\"" + String.join("..", path) + "\"";
      }
      return "\"" + String.join(".", path) + "\"";
    }

    private String secrets(String app, List<String> apps, List<List<String>> known, boolean valid) {
      if (chance(5)) {
        return "# nothing here yet\n";
      }
      StringBuilder sb = new StringBuilder();
      List<String> used = new ArrayList<>();
      int n = 1 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        String key = pick(KEYS);
        if (used.contains(key)) {
          continue;
        }
        used.add(key);
        sb.append('"').append(key).append("\":\n");
        boolean hasIf = chance(40);
        if (hasIf) {
          sb.append("  if: ").append(condition(known)).append('\n');
        }
        int kind = random.nextInt(6);
        boolean describe = valid || kind != 2 || chance(50);
        if (describe) {
          sb.append("  description: \"d\"\n");
        }
        switch (kind) {
          case 0 -> {} // static
          case 1 -> sb.append("  value: \"v\"\n");
          case 2 -> {
            sb.append("  copy:\n    application: ")
                .append(apps.get(random.nextInt(apps.size())))
                .append("\n    key: \"")
                .append(pick(KEYS))
                .append("\"\n");
            if (chance(50)) {
              sb.append("    if: ").append(condition(known)).append('\n');
            }
            if (!valid && chance(30)) {
              sb.append("  generate:\n    type: password\n    if: ")
                  .append(condition(known))
                  .append('\n');
            }
          }
          case 3 -> {
            sb.append("  generate:\n    type: ")
                .append(pick(new String[] {"password", "gafaelfawr-token", "fernet-key"}))
                .append('\n');
            if (chance(30)) {
              sb.append("    if: ").append(condition(known)).append('\n');
            }
          }
          case 4 -> {
            String source = pick(KEYS);
            if (source.equals(key)) {
              source = "missing-source";
            }
            sb.append("  generate:\n    type: ")
                .append(pick(new String[] {"bcrypt-password-hash", "mtime"}))
                .append("\n    source: \"")
                .append(source)
                .append("\"\n");
          }
          default -> sb.append("  onepassword:\n    encoded: ").append(pick(BOOLEANS)).append('\n');
        }
      }
      return sb.toString();
    }

    private static void write(Path file, String text) throws IOException {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
  }
}
