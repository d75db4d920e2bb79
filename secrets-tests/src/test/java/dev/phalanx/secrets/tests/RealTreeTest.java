package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.config.StaticSecretsFile;
import dev.phalanx.secrets.config.StaticTemplate;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every environment of the real Phalanx tree, end to end: static template, filled with random
 * values, read back as a static-secrets file, synced into an in-memory store with the real
 * generators (bcrypt cost 15), then audited clean with an empty second plan. Environments run in
 * parallel; each is reported as its own test.
 */
@DisplayName("Every environment of the real Phalanx tree")
class RealTreeTest {

  /** Copies of secrets the environment does not require, which Phalanx itself cannot resolve. */
  static final Map<String, Set<SecretRef>> UNRESOLVABLE =
      Map.of(
          "usdf-rapid-analysis",
          Set.of(
              SecretRef.of("rapid-analysis", "aws-credentials.ini"),
              SecretRef.of("rapid-analysis", "butler-aws-credentials.ini"),
              SecretRef.of("rapid-analysis", "butler-postgres-credentials.txt")),
          "usdfdev",
          Set.of(SecretRef.of("rubintv", "ra-redis-password")),
          "usdfprod",
          Set.of(SecretRef.of("rubintv", "ra-redis-password")),
          "usdfint",
          Set.of(
              SecretRef.of("consdb", "exposurelog-password"),
              SecretRef.of("consdbtap", "pgpassword")));

  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @TestFactory
  List<DynamicTest> syncsCleanly() throws Exception {
    Path tree = SharedTree.phalanxConfig();
    PhalanxConfig config = PhalanxConfig.open(tree, Fixtures.PROVIDERS);
    SecretsEngine engine = SecretsEngine.builder().generators(Fixtures.PROVIDERS).build();
    List<String> names = config.environmentNames();
    assertEquals(24, names.size(), names.toString());

    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<String, Future<String>> outcomes = new LinkedHashMap<>();
    long start = System.nanoTime();
    try {
      for (String name : names) {
        outcomes.put(name, pool.submit(() -> check(config, engine, name)));
      }
      for (Future<String> f : outcomes.values()) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // reported by the environment's own test below
        }
      }
    } finally {
      pool.shutdown();
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    System.out.println(
        "Real tree: "
            + names.size()
            + " environments in "
            + wall.toMillis()
            + " ms wall time on "
            + threads
            + " threads");

    List<DynamicTest> tests = new ArrayList<>();
    outcomes.forEach(
        (name, outcome) ->
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      try {
                        outcome.get();
                      } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error err) {
                          throw err;
                        }
                        throw e;
                      }
                    })));
    return tests;
  }

  private String check(PhalanxConfig config, SecretsEngine engine, String name) throws Exception {
    PhalanxEnvironment env = config.environment(name);
    Set<SecretRef> statics =
        env.secrets().stream()
            .filter(s -> s instanceof StaticSecret)
            .map(s -> s.ref())
            .collect(Collectors.toCollection(TreeSet::new));

    // The template parses back: every static secret, all null.
    String template = StaticTemplate.render(env);
    Path templateFile = dir.resolve(name + "-template.yaml");
    Fixtures.write(templateFile, template);
    StaticSecrets empty = StaticSecretsFile.read(templateFile).select(Fixtures.request(env));
    assertEquals(Map.of(), empty.values());
    assertEquals(List.of(), empty.warnings());
    assertEquals(
        statics, templateSecrets(template), name + ": the template lists the static secrets");

    Path filled = dir.resolve(name + "-filled.yaml");
    Fixtures.write(filled, fill(template));
    StaticSecrets given = StaticSecretsFile.read(filled).select(Fixtures.request(env));
    assertEquals(statics, given.values().keySet());
    assertEquals(List.of(), given.warnings());

    InMemorySecretStore store = InMemorySecretStore.create();
    SyncOptions options = SyncOptions.defaults();
    Set<SecretRef> unresolvable = UNRESOLVABLE.getOrDefault(name, Set.of());
    if (!unresolvable.isEmpty()) {
      UnresolvedSecretsException e =
          assertThrows(
              UnresolvedSecretsException.class,
              () -> engine.sync(env, given, store, SyncOptions.defaults(), SyncListener.NONE));
      Set<SecretRef> reported =
          e.problems().stream()
              .map(RealTreeTest::ref)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(unresolvable, reported, name);
      assertTrue(
          e.problems().stream().allMatch(p -> p.message().contains("which is not required")),
          e.getMessage());
      assertEquals(0, store.writeCount(), name + ": nothing written");
      options = options.withExclude(unresolvable.stream().map(SecretRef::application).toList());
    }
    engine.sync(env, given, store, options, SyncListener.NONE);
    AuditReport audit = engine.audit(env, given, store, options);
    assertTrue(audit.isClean(), () -> name + ":\n" + audit.toText());
    int writes = store.writeCount();
    SyncPlan plan = engine.plan(env, given, store, options);
    assertTrue(plan.isEmpty(), () -> name + ":\n" + plan.toText());
    assertEquals(writes, store.writeCount());
    return name;
  }

  private static SecretRef ref(Problem p) {
    String subject = p.subject();
    int slash = subject.indexOf('/');
    return SecretRef.of(subject.substring(0, slash), subject.substring(slash + 1));
  }

  @SuppressWarnings("unchecked")
  private static Set<SecretRef> templateSecrets(String template) {
    Map<String, Object> root = new Yaml().load(template);
    Map<String, Map<String, Object>> apps =
        (Map<String, Map<String, Object>>) root.get("applications");
    Set<SecretRef> out = new TreeSet<>();
    apps.forEach((app, keys) -> keys.keySet().forEach(k -> out.add(SecretRef.of(app, k))));
    return out;
  }

  /** The template with every {@code value: null} of an application secret given a random value. */
  @SuppressWarnings("unchecked")
  static String fill(String template) {
    Map<String, Object> root = new Yaml().load(template);
    Map<String, Map<String, Map<String, Object>>> apps =
        (Map<String, Map<String, Map<String, Object>>>) root.get("applications");
    apps.values()
        .forEach(
            keys ->
                keys.values()
                    .forEach(
                        entry -> {
                          if (entry.get("value") == null) {
                            byte[] bytes = new byte[16];
                            RANDOM.nextBytes(bytes);
                            entry.put("value", HexFormat.of().formatHex(bytes));
                          }
                        }));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(root);
  }
}
