package dev.phalanx.secrets.testkit.openbao;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Launching of the {@code bao} dev-server process for {@link OpenBaoServer}: its command line and
 * environment, a free port pair, waiting until it is healthy, and stopping it with its children.
 */
final class OpenBaoLauncher {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private OpenBaoLauncher() {}

  /**
   * The parts of a started, healthy server.
   *
   * @param process the server process
   * @param directory its temporary directory (home, certificates, log)
   * @param address its base URL
   * @param rootToken the root token (redacted when printed)
   * @param caCertificate the CA of a TLS server, else null
   * @param http a client for its API (trusting the CA of a TLS server)
   */
  record Launched(
      Process process,
      Path directory,
      URI address,
      SecretValue rootToken,
      @Nullable Path caCertificate,
      HttpClient http) {}

  /**
   * Starts a dev server and waits until it is healthy; stops it again when it does not become so.
   *
   * @param binary the {@code bao} executable
   * @param tls whether the server listens with TLS
   * @return the running server's parts
   */
  static Launched launch(Path binary, boolean tls) {
    Path dir;
    try {
      dir = Files.createTempDirectory("openbao-dev-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String token = "root-" + HexFormat.of().formatHex(random);
    int port = freePortPair();
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("server");
    command.add("-dev");
    command.add("-dev-root-token-id=" + token);
    command.add("-dev-listen-address=127.0.0.1:" + port);
    if (tls) {
      command.add("-dev-tls");
      command.add("-dev-tls-cert-dir=" + dir);
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    // The dev server writes ~/.vault-token: keep it out of the real home, and keep any VAULT_*
    // or BAO_* settings of the developer's shell away from the server.
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("VAULT_") || k.startsWith("BAO_"));
    env.put("HOME", dir.toString());
    Path log = dir.resolve("server.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ExtensionConfigurationException(
          "cannot start " + binary + ": " + e.getMessage(), e);
    }
    URI address = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
    Path ca = tls ? dir.resolve("vault-ca.pem") : null;
    try {
      HttpClient http = awaitHealthy(process, address, ca, log);
      return new Launched(process, dir, address, SecretValue.of(token), ca, http);
    } catch (RuntimeException | Error e) {
      stop(process);
      throw e;
    }
  }

  private static HttpClient awaitHealthy(
      Process process, URI address, @Nullable Path ca, Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpClient http = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new ExtensionConfigurationException(
            "OpenBao dev server exited with status " + process.exitValue() + ":\n" + tail(log));
      }
      try {
        if (http == null && (ca == null || Files.exists(ca))) {
          http = OpenBaoHttp.client(ca);
        }
        if (http != null) {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(address.resolve("/v1/sys/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return http;
          }
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExtensionConfigurationException("interrupted while starting OpenBao", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExtensionConfigurationException("interrupted while starting OpenBao", e);
      }
    }
    throw new ExtensionConfigurationException(
        "OpenBao dev server at "
            + address
            + " not healthy within "
            + START_TIMEOUT
            + ":\n"
            + tail(log));
  }

  private static String tail(Path log) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      List<String> all = lines.collect(Collectors.toList());
      return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log)";
    }
  }

  /** A port P with P+1 also free: the dev server's cluster listener takes P+1. */
  private static int freePortPair() {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket a = new ServerSocket(0)) {
        int p = a.getLocalPort();
        if (p >= 65535) {
          continue;
        }
        try (ServerSocket b = new ServerSocket(p + 1)) {
          if (b.getLocalPort() == p + 1) {
            return p;
          }
        } catch (IOException e) {
          // try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new ExtensionConfigurationException("no free port pair for OpenBao");
  }

  /** Stops a server process and its children, forcibly when it does not stop in time. */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
