package dev.phalanx.secrets.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked into a temporary directory (not the build's), run
 * through its launcher from another working directory, with the example's third-party store ({@code
 * examples/custom-store}, type {@code dirstore}) dropped into {@code plugins/}.
 */
@DisplayName("The release archive")
class DistributionIT {

  private static final String VERSION = System.getProperty("dist.version");
  private static final Path EXAMPLES = Path.of(System.getProperty("dist.examples"));

  @TempDir static Path unpacked;
  private static Path home;

  private record Run(int status, String out, String err) {}

  @BeforeAll
  static void unpack() throws Exception {
    Path tar = Path.of(System.getProperty("dist.tar"));
    assertThat(tar).isRegularFile();
    assertThat(tar.getFileName().toString()).isEqualTo("phalanx-secrets-" + VERSION + ".tar.gz");
    Process p =
        new ProcessBuilder("tar", "-xzf", tar.toString(), "-C", unpacked.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    home = unpacked.resolve("phalanx-secrets-" + VERSION);
  }

  private static Run run(Path cwd, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/phalanx-secrets").toString());
    Collections.addAll(command, args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> e = builder.environment();
    e.keySet()
        .removeIf(
            k ->
                k.startsWith("VAULT_")
                    || k.startsWith("BAO_")
                    || k.startsWith("PHALANX_")
                    || k.equals("XDG_CACHE_HOME"));
    e.put("JAVA_HOME", System.getProperty("java.home"));
    e.put("HOME", cwd.toString());
    e.putAll(env);
    File out = Files.createTempFile(cwd, "out", ".txt").toFile();
    File err = Files.createTempFile(cwd, "err", ".txt").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("launcher did not finish: " + command);
    }
    return new Run(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  private static List<String> example(Path store) {
    return List.of(
        "--config",
        EXAMPLES.resolve("phalanx").toString(),
        "--secrets",
        EXAMPLES.resolve("static-secrets.yaml").toString(),
        "--store",
        "dirstore:" + store);
  }

  private static String[] args(String command, Path store) {
    List<String> all = new ArrayList<>(List.of(command, "example"));
    all.addAll(example(store));
    return all.toArray(String[]::new);
  }

  @Test
  @DisplayName("holds the launcher, the jars, plugins/, completion, man pages, LICENSE and NOTICE")
  void layout() throws IOException {
    assertThat(home.resolve("bin/phalanx-secrets")).isExecutable();
    assertThat(home.resolve("bin/phalanx-secrets.cmd")).isRegularFile();
    assertThat(home.resolve("lib/secrets-cli-" + VERSION + ".jar")).isRegularFile();
    assertThat(home.resolve("lib/secrets-core-" + VERSION + ".jar")).isRegularFile();
    assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/picocli-*.jar");
    assertThat(home.resolve("plugins/README.txt")).isRegularFile();
    assertThat(home.resolve("completion/phalanx-secrets.bash")).content().contains("complete -F");
    assertThat(home.resolve("completion/_phalanx-secrets")).content().startsWith("#compdef");
    assertThat(home.resolve("man/man1/phalanx-secrets.1")).content().startsWith(".TH ");
    assertThat(home.resolve("man/man1/phalanx-secrets-sync.1")).isRegularFile();
    assertThat(home.resolve("LICENSE")).content().startsWith("MIT License");
    assertThat(home.resolve("NOTICE")).isRegularFile();
    try (JarFile jar = new JarFile(home.resolve("lib/secrets-core-" + VERSION + ".jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
          .isEqualTo(VERSION);
      assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
    }
  }

  @Test
  @DisplayName("the zip holds the same files as the tar.gz")
  void zip() throws IOException {
    List<String> names;
    try (ZipFile zip = new ZipFile(System.getProperty("dist.zip"))) {
      names = zip.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).sorted().toList();
    }
    List<String> unpackedNames;
    try (var files = Files.walk(home)) {
      unpackedNames =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals("custom-store.jar"))
              .map(f -> "phalanx-secrets-" + VERSION + "/" + home.relativize(f))
              .sorted()
              .toList();
    }
    assertThat(names).isEqualTo(unpackedNames);
  }

  @Test
  @DisplayName("--version: the release, the commit and the Java runtime, from any directory")
  void version(@TempDir Path cwd) throws Exception {
    Run run = run(cwd, Map.of(), "--version");
    assertThat(run.status()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("phalanx-secrets " + VERSION);
    assertThat(lines.get(1)).startsWith("commit ");
    assertThat(lines.get(2)).startsWith("Java ");
  }

  @Test
  @DisplayName("a symlink on the PATH finds the installation")
  void symlink(@TempDir Path cwd) throws Exception {
    Path link =
        Files.createSymbolicLink(
            cwd.resolve("phalanx-secrets"), home.resolve("bin/phalanx-secrets"));
    Process p = new ProcessBuilder(link.toString(), "--version").directory(cwd.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    assertThat(out).startsWith("phalanx-secrets " + VERSION + "\n");
  }

  @Test
  @DisplayName("list, sync and audit of the example with a plugin store from plugins/")
  void exampleWithPlugin(@TempDir Path cwd) throws Exception {
    Path plugin = home.resolve("plugins/custom-store.jar");
    Files.copy(Path.of(System.getProperty("dist.plugin")), plugin);
    try {
      Path store = Files.createDirectories(cwd.resolve("store"));
      Run list =
          run(cwd, Map.of(), "list", "example", "--config", EXAMPLES.resolve("phalanx").toString());
      assertThat(list.status()).as(list.err()).isZero();
      assertThat(list.out()).contains("argocd admin.password\n");

      Run sync = run(cwd, Map.of(), args("sync", store));
      assertThat(sync.status()).as(sync.err()).isZero();
      try (var files = Files.list(store)) {
        assertThat(files.count()).isPositive();
      }
      Run audit = run(cwd, Map.of(), args("audit", store));
      assertThat(audit.status()).as(audit.out() + audit.err()).isZero();
    } finally {
      Files.delete(plugin);
    }
  }

  @Test
  @DisplayName(
      "PHALANX_SECRETS_CLASSPATH adds a plugin kept elsewhere; without it the store type is unknown")
  void classpathVariable(@TempDir Path cwd) throws Exception {
    Path store = Files.createDirectories(cwd.resolve("store"));
    Run without = run(cwd, Map.of(), args("audit", store));
    assertThat(without.status()).isNotZero();
    assertThat(without.err()).contains("dirstore");

    Run with =
        run(
            cwd,
            Map.of("PHALANX_SECRETS_CLASSPATH", System.getProperty("dist.plugin")),
            args("sync", store));
    assertThat(with.status()).as(with.err()).isZero();
  }

  @Test
  @DisplayName(
      "the first run writes a class-data sharing archive that later runs map; output is the same")
  void classDataSharing(@TempDir Path cwd) throws Exception {
    String[] list = {"list", "example", "--config", EXAMPLES.resolve("phalanx").toString()};
    Run off = run(cwd, Map.of("PHALANX_SECRETS_CDS", "off"), list);
    assertThat(off.status()).as(off.err()).isZero();
    Path cds = cwd.resolve(".cache/phalanx-secrets/cds");
    assertThat(cds).doesNotExist();

    // A run that fails loaded too little to be worth keeping: it leaves no archive.
    Run failed = run(cwd, Map.of(), "list", "no-such-environment", list[2], list[3]);
    assertThat(failed.status()).isEqualTo(2);
    assertThat(cds.toFile().list()).isNullOrEmpty();

    Run first = run(cwd, Map.of(), list);
    assertThat(first.out()).isEqualTo(off.out());
    assertThat(first.err()).isEqualTo(off.err());
    assertThat(Files.getPosixFilePermissions(cds))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    List<Path> archives = archives(cds);
    assertThat(archives).hasSize(1);
    assertThat(archives.get(0).getFileName().toString()).startsWith("local-");

    Path log = cwd.resolve("classes.log");
    Run mapped =
        run(
            cwd,
            Map.of("PHALANX_SECRETS_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + log),
            list);
    assertThat(mapped.status()).as(mapped.err()).isZero();
    assertThat(mapped.out()).isEqualTo(off.out());
    assertThat(log)
        .content()
        .contains("dev.phalanx.secrets.cli.Main source: shared objects file (top)");

    // Another jar set (an upgrade, a plugin) makes a new archive and removes the old one.
    Path jar = home.resolve("lib/secrets-cli-" + VERSION + ".jar");
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
    Run upgraded = run(cwd, Map.of(), list);
    assertThat(upgraded.out()).isEqualTo(off.out());
    List<Path> after = archives(cds);
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(archives);
  }

  private static List<Path> archives(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
