package dev.phalanx.secrets.testkit.openbao;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A running OpenBao dev server: in memory, unsealed, KV v2 mounted at {@code secret/}, with a
 * random root token. Helpers call its HTTP API with the root token through the JDK client.
 *
 * <p>Instances are thread-safe. {@link #toString()} prints the address only.
 */
public final class OpenBaoServer implements AutoCloseable {

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
    OpenBaoLauncher.Launched l = OpenBaoLauncher.launch(binary, tls);
    return new OpenBaoServer(
        l.process(), l.directory(), l.address(), l.rootToken(), l.caCertificate(), l.http());
  }

  /**
   * An {@link SSLContext} that trusts only the given PEM certificates.
   *
   * @param pem the PEM file
   * @return the context
   */
  public static SSLContext trusting(Path pem) {
    return OpenBaoHttp.trusting(pem);
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
    return OpenBaoHttp.call(http, address, method, path, json, token);
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
    OpenBaoLauncher.stop(process);
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
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
