package dev.phalanx.secrets.testkit.openbao;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A running OpenBao dev server: in memory, unsealed, KV v2 mounted at {@code secret/}, with a
 * random root token. Helpers call its HTTP API with the root token through the JDK client.
 *
 * <p>Instances are thread-safe. {@link #toString()} prints the address only.
 */
public final class OpenBaoServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CLIENT_TOKEN =
      Pattern.compile("\"client_token\"\\s*:\\s*\"([^\"]+)\"");

  private final Process process;
  private final Path directory;
  private final URI address;
  private final SecretValue rootToken;
  private final @Nullable Path caCertificate;
  private final HttpClient http;

  private OpenBaoServer(
      Process process,
      Path directory,
      URI address,
      SecretValue rootToken,
      @Nullable Path caCertificate,
      HttpClient http) {
    this.process = process;
    this.directory = directory;
    this.address = address;
    this.rootToken = rootToken;
    this.caCertificate = caCertificate;
    this.http = http;
  }

  static OpenBaoServer start(Path binary, boolean tls) {
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
      return new OpenBaoServer(process, dir, address, SecretValue.of(token), ca, http);
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
          http = client(ca);
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

  private static HttpClient client(@Nullable Path ca) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ca != null) {
      b.sslContext(trusting(ca));
    }
    return b.build();
  }

  /**
   * An {@link SSLContext} that trusts only the given PEM certificates.
   *
   * @param pem the PEM file
   * @return the context
   */
  public static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + pem, e);
    }
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

  /**
   * The base URL, e.g. {@code http://127.0.0.1:43121} (no {@code /v1}).
   *
   * @return the address
   */
  public URI address() {
    return address;
  }

  /**
   * The root token.
   *
   * @return the token (redacted when printed)
   */
  public SecretValue rootToken() {
    return rootToken;
  }

  /**
   * The CA that signed the server certificate, for a TLS server.
   *
   * @return the PEM file, empty for a plain HTTP server
   */
  public Optional<Path> caCertificate() {
    return Optional.ofNullable(caCertificate);
  }

  /**
   * The server's log file (its output).
   *
   * @return the path
   */
  public Path log() {
    return directory.resolve("server.log");
  }

  /**
   * Calls the HTTP API with the root token.
   *
   * @param method the HTTP method ({@code LIST} is sent as is)
   * @param path the API path without {@code /v1/}
   * @param json the JSON body, or null for none
   * @return the status and body
   */
  public Response call(String method, String path, @Nullable String json) {
    return call(method, path, json, rootToken);
  }

  /**
   * Calls the HTTP API with a given token.
   *
   * @param method the HTTP method
   * @param path the API path without {@code /v1/}
   * @param json the JSON body, or null for none
   * @param token the token
   * @return the status and body
   */
  public Response call(String method, String path, @Nullable String json, SecretValue token) {
    HttpRequest request =
        HttpRequest.newBuilder(address.resolve("/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Vault-Token", token.reveal())
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private Response ok(String method, String path, @Nullable String json) {
    Response r = call(method, path, json);
    if (r.status() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " returned " + r.status() + ": " + r.body());
    }
    return r;
  }

  /**
   * Sets {@code cas_required} on a KV v2 mount ({@code POST <mount>/config}).
   *
   * @param mount the mount, e.g. {@code secret}
   * @param required the new setting
   */
  public void casRequired(String mount, boolean required) {
    ok("POST", mount + "/config", "{\"cas_required\":" + required + "}");
  }

  /**
   * Creates or replaces an ACL policy.
   *
   * @param name the policy name
   * @param hcl the policy text
   */
  public void putPolicy(String name, String hcl) {
    ok("PUT", "sys/policies/acl/" + name, "{\"policy\":" + jsonString(hcl) + "}");
  }

  /**
   * Creates a token.
   *
   * @param displayName the display name (Vault prefixes {@code token-})
   * @param ttl its lifetime
   * @param policies its policies
   * @return the token
   */
  public SecretValue createToken(String displayName, Duration ttl, String... policies) {
    String list =
        Stream.of(policies)
            .map(OpenBaoServer::jsonString)
            .collect(Collectors.joining(",", "[", "]"));
    Response r =
        ok(
            "POST",
            "auth/token/create",
            "{\"display_name\":"
                + jsonString(displayName)
                + ",\"ttl\":\""
                + ttl.toSeconds()
                + "s\",\"policies\":"
                + list
                + "}");
    Matcher m = CLIENT_TOKEN.matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no client_token in the token creation response");
    }
    return SecretValue.of(m.group(1));
  }

  /**
   * Enables an auth method at its default path when not yet enabled.
   *
   * @param type the method type, e.g. {@code approle}
   */
  public void enableAuth(String type) {
    Response r = call("POST", "sys/auth/" + type, "{\"type\":" + jsonString(type) + "}");
    if (r.status() >= 300 && !r.body().contains("already in use")) {
      throw new IllegalStateException(
          "enabling auth " + type + " returned " + r.status() + ": " + r.body());
    }
  }

  /**
   * Encodes a JSON string literal.
   *
   * @param s the text
   * @return the quoted, escaped literal
   */
  public static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stop(process);
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }

  private static void stop(Process process) {
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

  /** The address only. */
  @Override
  public String toString() {
    return "OpenBaoServer[" + address + "]";
  }

  /**
   * An HTTP answer.
   *
   * @param status the status
   * @param body the body text
   */
  public record Response(int status, String body) {}
}
