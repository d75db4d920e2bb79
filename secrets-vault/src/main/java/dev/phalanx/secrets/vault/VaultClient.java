package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.http.BackendHttp;
import dev.phalanx.secrets.http.Redactor;
import dev.phalanx.secrets.http.RedirectingTransport;
import dev.phalanx.secrets.http.Request;
import dev.phalanx.secrets.http.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin client for the Vault/OpenBao HTTP API: JSON in, JSON out, with the headers, timeouts,
 * retries, redirect rules and error translation every request needs.
 *
 * <p>Each call returns a {@link VaultResponse} for a 2xx or a 404 answer (a 404 is how Vault says
 * "absent", so callers decide what it means) and throws {@link VaultException} for every other
 * status and when no answer came back. Paths are API paths without {@code /v1/}, e.g. {@code
 * secret/data/phalanx/dev/app}; each segment is percent-encoded.
 *
 * <p>Thread-safe. Never logs a token or a body.
 */
final class VaultClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VaultClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VaultClientOptions options;
  private final BackendHttp transport;
  private final TokenProvider tokens;
  private final ErrorTranslator errors;
  private final String base;

  private VaultClient(VaultClientOptions options, BackendHttp transport, TokenProvider tokens) {
    this.options = options;
    this.transport = transport;
    this.tokens = tokens;
    this.errors = new ErrorTranslator(options);
    String address = options.address().toString();
    this.base = (address.endsWith("/") ? address : address + "/") + "v1/";
  }

  /**
   * A client that sends no token, for login requests; add one with {@link #withTokens}.
   *
   * @param options where and how to connect
   * @return the client
   * @throws StoreException when the CA bundle cannot be read
   */
  static VaultClient create(VaultClientOptions options) {
    BackendHttp http =
        BackendHttp.open(options.http(), TlsSupport.sslContext(options.caCertificates()));
    return new VaultClient(options, http, TokenProvider.NONE);
  }

  /**
   * A client sharing this one's connections that sends the provider's token.
   *
   * @param provider the token source
   * @return the new client; closing either closes the shared connections
   */
  VaultClient withTokens(TokenProvider provider) {
    return new VaultClient(options, transport, Objects.requireNonNull(provider));
  }

  /**
   * The options this client was made with.
   *
   * @return the options
   */
  VaultClientOptions options() {
    return options;
  }

  /**
   * {@code GET path}.
   *
   * @param path the API path
   * @return the response (2xx or 404)
   * @throws VaultException for any other status or no response
   */
  VaultResponse get(String path) {
    return send("GET", path, null, null);
  }

  /**
   * {@code LIST path}, sent as {@code GET path?list=true}.
   *
   * @param path the API path
   * @return the response (2xx, or 404 for an empty or missing folder)
   * @throws VaultException for any other status or no response
   */
  VaultResponse list(String path) {
    return send("LIST", path, null, null);
  }

  /**
   * {@code POST path} with a JSON body.
   *
   * @param path the API path
   * @param body the body
   * @return the response (2xx or 404)
   * @throws VaultException for any other status or no response
   */
  VaultResponse post(String path, Object body) {
    return send("POST", path, body, null);
  }

  /**
   * {@code DELETE path}.
   *
   * @param path the API path
   * @return the response (2xx or 404)
   * @throws VaultException for any other status or no response
   */
  VaultResponse delete(String path) {
    return send("DELETE", path, null, null);
  }

  /**
   * Sends a request.
   *
   * @param method {@code GET}, {@code LIST}, {@code POST}, {@code PUT} or {@code DELETE}
   * @param path the API path
   * @param body a JSON-serialisable body ({@link JsonNode}, {@link Map}...), or null for none
   * @param token a token to use instead of the provider's, or null
   * @return the response (2xx or 404)
   * @throws VaultException for any other status or no response
   */
  VaultResponse send(
      String method, String path, @Nullable Object body, @Nullable SecretValue token) {
    String httpMethod = method.equals("LIST") ? "GET" : method;
    URI uri = URI.create(base + encodePath(path) + (method.equals("LIST") ? "?list=true" : ""));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Vault-Request", "true");
    if (options.namespace() != null) {
      headers.put("X-Vault-Namespace", options.namespace());
    }
    SecretValue effective = token != null ? token : tokens.token();
    if (effective != null) {
      headers.put("X-Vault-Token", effective.reveal());
    }
    byte[] bytes = new byte[0];
    if (body != null) {
      headers.put("Content-Type", "application/json");
      try {
        bytes = JSON.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        // The message of a serialisation failure could quote content: leave it out.
        throw new VaultException(
            "cannot encode the request body of " + method + " " + path, 0, path, List.of(), null);
      }
    }
    Response response;
    try {
      response = transport.send(Request.of(httpMethod, uri, headers, bytes));
    } catch (IOException e) {
      LOG.debug("{} {} failed without a response: {}", method, path, e.getClass().getSimpleName());
      throw errors.fromFailure(method, path, e);
    }
    int status = response.status();
    LOG.trace("{} {} -> {}", method, path, status);
    JsonNode json = parse(response.body(), method, path, status);
    if (status >= 200 && status < 300 || status == 404) {
      return new VaultResponse(status, new VaultReply(json));
    }
    throw errors.fromResponse(method, path, status, json, Redactor.of(effective, body));
  }

  private JsonNode parse(byte[] body, String method, String path, int status) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      if (status >= 200 && status < 300) {
        throw new VaultException(
            "Vault at "
                + RedirectingTransport.origin(options.address())
                + " sent a body that is not JSON for "
                + method
                + " "
                + path
                + " (HTTP "
                + status
                + ")",
            status,
            path,
            List.of(),
            null);
      }
      return MissingNode.getInstance();
    }
  }

  /** Percent-encodes each segment; slashes separate segments. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** The server, for messages: scheme, host and port. */
  @Override
  public String toString() {
    return "VaultClient[" + RedirectingTransport.origin(options.address()) + "]";
  }

  /** Closes the shared connections (on Java 21 and later; a no-op on 17). */
  @Override
  public void close() {
    transport.close();
  }
}
