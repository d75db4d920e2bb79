package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14 §6: an embedding program's class path may hold an older SnakeYAML 2.x (dependency
 * platforms manage it). Loading an environment works with each, in a class loader holding the
 * library's classes and that SnakeYAML instead of the one it is built with; 1.x fails fast naming
 * the minimum.
 */
class SnakeYamlCompatibilityTest {

  @TempDir Path tree;

  static Path jar(String version) {
    Path jar = Path.of("target", "snakeyaml-compat", "snakeyaml-" + version + ".jar");
    assertThat(jar).as("copied by maven-dependency-plugin at generate-test-resources").exists();
    return jar;
  }

  /** The test class path without SnakeYAML, plus the given SnakeYAML jar. */
  static URLClassLoader loaderWith(Path snakeyaml) throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(snakeyaml.toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("snakeyaml")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  void writeTree() throws Exception {
    write("environments/values.yaml", "");
    write("environments/values-x.yaml", "name: x\napplications:\n  app: true\n");
    write("applications/app/Chart.yaml", "name: app\n");
    write(
        "applications/app/secrets.yaml",
        "token:\n  description: A token.\n  generate:\n    type: password\n"
            + "literal:\n  description: A literal.\n  value: &v shared\n"
            + "again:\n  description: An alias.\n  value: *v\n");
  }

  void write(String relative, String text) throws Exception {
    Path file = tree.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /**
   * PhalanxConfig.open(tree, new FakeGenerators()).environment("x").secrets().size(), in loader.
   */
  Object secretsIn(ClassLoader loader) throws Throwable {
    Class<?> catalogType = loader.loadClass("dev.phalanx.secrets.spi.GeneratorCatalog");
    Object catalog =
        loader
            .loadClass("dev.phalanx.secrets.testing.FakeGenerators")
            .getConstructor()
            .newInstance();
    Class<?> config = loader.loadClass("dev.phalanx.secrets.config.PhalanxConfig");
    assertThat(config.getClassLoader()).isSameAs(loader);
    assertThat(loader.loadClass("org.yaml.snakeyaml.Yaml").getClassLoader()).isSameAs(loader);
    try {
      Object opened = config.getMethod("open", Path.class, catalogType).invoke(null, tree, catalog);
      Object env = config.getMethod("environment", String.class).invoke(opened, "x");
      Method secrets = env.getClass().getMethod("secrets");
      return ((List<?>) secrets.invoke(env)).size();
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0", "2.2"})
  void loadsAnEnvironmentWithAnOlderSnakeYaml2(String version) throws Throwable {
    writeTree();
    try (URLClassLoader loader = loaderWith(jar(version))) {
      assertThat(secretsIn(loader)).isEqualTo(3);
    }
  }

  @Test
  void aMissingSnakeYamlMethodFailsNamingTheMinimum() {
    NoSuchMethodError missing =
        new NoSuchMethodError("'void org.yaml.snakeyaml.LoaderOptions.setSomething(boolean)'");
    assertThat(SnakeYamlVersion.tooOld(missing))
        .hasMessageContaining("needs SnakeYAML 2.0 or later")
        .hasMessageContaining("setSomething")
        .hasCause(missing);
  }
}
