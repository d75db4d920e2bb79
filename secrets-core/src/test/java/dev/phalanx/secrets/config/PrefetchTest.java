package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.testing.FakeGenerators;
import dev.phalanx.secrets.testing.SharedTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing an environment's files on more threads changes nothing a user sees: the same secrets,
 * values and decisions, and the same errors in the same order.
 */
@DisplayName("Parallel parsing of an environment's files")
class PrefetchTest {

  @Test
  @DisplayName("every real environment loads the same with and without prefetch threads")
  void realTreeIsTheSame() {
    Path tree = SharedTree.phalanxConfig();
    PhalanxConfig sequential = PhalanxConfig.open(tree, new FakeGenerators(), 0);
    for (int round = 0; round < 3; round++) {
      PhalanxConfig parallel = PhalanxConfig.open(tree, new FakeGenerators(), 3);
      for (String env : sequential.environmentNames()) {
        assertThat(describe(parallel.environment(env)))
            .as(env)
            .isEqualTo(describe(sequential.environment(env)));
      }
    }
  }

  @Test
  @DisplayName("broken files are reported alike, in the order they are read")
  void errorsAreTheSame(@TempDir Path dir) {
    ConfigTree tree = new ConfigTree(dir);
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String app = "app" + (char) ('a' + i);
      apps.add(app);
      tree.app(app)
          .secrets(app, "key:\n  description: d\n  generate:\n    type: password\n")
          .values(app, i % 5 == 2 ? "broken: [\n" : "enabled: true\n");
      if (i % 7 == 3) {
        tree.secrets(app, "key: [\n");
      }
    }
    tree.environment("env", apps.toArray(String[]::new));
    String expected =
        catchThrowableOfType(
                ConfigurationException.class,
                () -> PhalanxConfig.open(dir, new FakeGenerators(), 0).environment("env"))
            .getMessage();
    assertThat(expected).contains("appc", "appd");
    for (int round = 0; round < 20; round++) {
      assertThat(
              catchThrowableOfType(
                      ConfigurationException.class,
                      () -> PhalanxConfig.open(dir, new FakeGenerators(), 3).environment("env"))
                  .getMessage())
          .isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("an environment loaded again, its own files parsed again, is the same, errors too")
  void loadedAgainIsTheSame(@TempDir Path dir) {
    ConfigTree tree = new ConfigTree(dir);
    for (String app : List.of("one", "two")) {
      tree.app(app)
          .secrets(app, "key:\n  description: d\n  if: enabled\n  generate:\n    type: password\n")
          .values(app, "enabled: false\n");
    }
    tree.write("applications/one/values-a.yaml", "enabled: true\n");
    tree.write("applications/two/values-a.yaml", "enabled: [\n");
    tree.write("applications/one/values-b.yaml", "enabled: true\n");
    tree.write("applications/two/values-b.yaml", "enabled: true\n");
    tree.environment("a", "one", "two");
    tree.environment("b", "one", "two");
    for (int threads : new int[] {0, 3}) {
      PhalanxConfig config = PhalanxConfig.open(dir, new FakeGenerators(), threads);
      String broken =
          catchThrowableOfType(ConfigurationException.class, () -> config.environment("a"))
              .getMessage();
      assertThat(broken).contains("values-a.yaml");
      String loaded = describe(config.environment("b"));
      assertThat(loaded).contains("one: {enabled=true}", "two: {enabled=true}", "GeneratedSecret");
      for (int round = 0; round < 3; round++) {
        assertThat(
                catchThrowableOfType(ConfigurationException.class, () -> config.environment("a"))
                    .getMessage())
            .isEqualTo(broken);
        assertThat(describe(config.environment("b"))).isEqualTo(loaded);
      }
    }
  }

  @Test
  @DisplayName("a shared file's values and problems reach every environment that reads it")
  void sharedFilesServeEveryEnvironment(@TempDir Path dir) {
    // Once turned into values or specs, a shared file's YAML document is dropped: what later
    // environments get must not change, its problems (which come from the document) included.
    ConfigTree tree = new ConfigTree(dir);
    tree.app("odd")
        .secrets("odd", "key:\n  description: d\n  generate:\n    type: password\n")
        .values("odd", "enabled: true\n7: seven\n");
    tree.app("fine")
        .secrets("fine", "key:\n  description: d\n  if: enabled\n  generate:\n    type: password\n")
        .values("fine", "enabled: true\n");
    for (String env : List.of("a", "b", "c")) {
      tree.environment(env, "odd", "fine");
    }
    tree.environment("d", "fine");
    for (int threads : new int[] {0, 3}) {
      PhalanxConfig config = PhalanxConfig.open(dir, new FakeGenerators(), threads);
      String first = describe(config.environment("d"));
      assertThat(first).contains("fine: {enabled=true}", "GeneratedSecret");
      for (String env : List.of("a", "b", "c")) {
        assertThat(
                catchThrowableOfType(ConfigurationException.class, () -> config.environment(env))
                    .getMessage())
            .as("environment %s, %d threads", env, threads)
            .contains("odd/values.yaml:2", "top-level keys of Helm values must be strings");
      }
      assertThat(describe(config.environment("d"))).isEqualTo(first);
    }
  }

  private static String describe(PhalanxEnvironment env) {
    StringBuilder out = new StringBuilder(env.secrets() + "\n" + env.decisions());
    for (String app : env.applications()) {
      out.append('\n').append(app).append(": ").append(env.helmValues(app));
    }
    return out.toString();
  }
}
