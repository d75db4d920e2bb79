package dev.phalanx.secrets.config;

import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.testing.FakeGenerators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Builds a small configuration tree in a temporary directory. */
final class ConfigTree {

  final Path root;

  ConfigTree(Path root) {
    this.root = root;
    write("environments/values.yaml", "");
    try {
      Files.createDirectories(root.resolve("applications"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file relative to the root, creating directories. */
  ConfigTree write(String relative, String text) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An environment file enabling the given applications. */
  ConfigTree environment(String name, String... apps) {
    StringBuilder sb = new StringBuilder("name: " + name + "\napplications:\n");
    for (String app : apps) {
      sb.append("  ").append(app).append(": true\n");
    }
    return write("environments/values-" + name + ".yaml", sb.toString());
  }

  /** An application with a Chart.yaml. */
  ConfigTree app(String name) {
    return write("applications/" + name + "/Chart.yaml", "name: " + name + "\n");
  }

  ConfigTree secrets(String app, String text) {
    return app(app).write("applications/" + app + "/secrets.yaml", text);
  }

  ConfigTree values(String app, String text) {
    return app(app).write("applications/" + app + "/values.yaml", text);
  }

  PhalanxConfig open() {
    return PhalanxConfig.open(root, new FakeGenerators());
  }

  /** "app/key" to kind for one environment. */
  Map<String, String> kinds(String environment) {
    Map<String, String> kinds = new TreeMap<>();
    for (Secret s : open().environment(environment).secrets()) {
      kinds.put(s.application() + "/" + s.spec().key(), s.kind());
    }
    return kinds;
  }
}
