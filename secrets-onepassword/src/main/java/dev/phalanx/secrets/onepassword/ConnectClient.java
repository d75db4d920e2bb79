package dev.phalanx.secrets.onepassword;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.http.BackendHttp;
import dev.phalanx.secrets.http.HttpFailure;
import dev.phalanx.secrets.http.Redactor;
import dev.phalanx.secrets.http.Request;
import dev.phalanx.secrets.http.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three Connect calls this source needs, over the shared HTTP seam ({@link BackendHttp}: its
 * retry policy, redirect rule and timeouts), with JSON mapping and the one place where failures
 * (HTTP errors, timeouts, connection failures, malformed bodies) become {@link SourceException}s
 * that name the status and path, never the token or a value: the server's {@code message} is
 * redacted of the token and of every value read so far, in every form, before it is shortened.
 */
final class ConnectClient {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[0-9a-z]{26}");
  private static final int MAX_MESSAGE = 200;

  private final BackendHttp http;
  private final String server;
  private final String baseUrl;
  private final SecretValue token;
  private final Duration requestTimeout;
  private final Redactor redactor;

  ConnectClient(BackendHttp http, String server, SecretValue token, Duration requestTimeout) {
    this.http = http;
    this.server = server;
    this.baseUrl = stripTrailingSlashes(server);
    this.token = token;
    this.requestTimeout = requestTimeout;
    this.redactor = Redactor.of(token);
  }

  private static String stripTrailingSlashes(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Every vault the token can see (one request). */
  List<ConnectSummary> vaults() {
    return summaries(get("/v1/vaults"), "name");
  }

  /** Summaries of the active items of a vault (one request). */
  List<ConnectSummary> items(String vaultId) {
    return summaries(get("/v1/vaults/" + checkId(vaultId) + "/items"), "title");
  }

  /** One full item (one request). */
  ConnectItem item(String vaultId, String itemId) {
    String path = "/v1/vaults/" + checkId(vaultId) + "/items/" + checkId(itemId);
    JsonNode node = get(path);
    if (!node.isObject()) {
      throw malformed(path, "expected an item object");
    }
    Map<String, String> sections = new LinkedHashMap<>();
    for (JsonNode s : node.path("sections")) {
      String id = s.path("id").asText("");
      if (!id.isEmpty()) {
        sections.put(id, s.path("label").asText(""));
      }
    }
    List<ConnectItem.Field> fields = new ArrayList<>();
    for (JsonNode f : node.path("fields")) {
      JsonNode value = f.get("value");
      if (value != null && value.isTextual()) {
        redactor.add(value.textValue());
      }
      JsonNode section = f.path("section").get("id");
      fields.add(
          new ConnectItem.Field(
              f.path("id").asText(""),
              f.path("label").asText(""),
              f.path("purpose").asText(""),
              section == null || section.isNull() ? null : section.asText(),
              value == null || value.isNull() ? null : SecretValue.of(value.asText())));
    }
    return new ConnectItem(
        node.path("id").asText(itemId), node.path("title").asText(""), sections, fields);
  }

  int requestCount() {
    return http.requestCount();
  }

  void close() {
    http.close();
  }

  private static String checkId(String id) {
    // Ids come from the server; refuse anything that could change the path.
    if (!ID.matcher(id).matches()) {
      throw new SourceException("1Password Connect returned an invalid id: '" + id + "'");
    }
    return id;
  }

  private List<ConnectSummary> summaries(JsonNode array, String titleField) {
    List<ConnectSummary> result = new ArrayList<>();
    for (JsonNode n : array) {
      String state = n.path("state").asText("");
      if (state.equals("ARCHIVED") || state.equals("DELETED")) {
        continue;
      }
      result.add(new ConnectSummary(n.path("id").asText(""), n.path(titleField).asText("")));
    }
    return result;
  }

  private JsonNode get(String path) {
    Response reply;
    try {
      reply =
          http.send(
              Request.get(
                  URI.create(baseUrl + path),
                  Map.of(
                      "Authorization", "Bearer " + token.reveal(), "Accept", "application/json")));
    } catch (IOException e) {
      throw failure(path, e);
    }
    LOG.trace("GET {} -> {}", path, reply.status());
    if (!reply.ok()) {
      throw httpError(path, reply);
    }
    try {
      JsonNode node = JSON.readTree(reply.text());
      if (node == null) {
        throw malformed(path, "empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input, which may hold a value: leave it and the cause out.
      throw malformed(path, "the body is not JSON");
    }
  }

  private SourceException malformed(String path, String why) {
    return new SourceException(
        "1Password Connect at "
            + server
            + " sent an unexpected answer to GET "
            + path
            + ": "
            + why);
  }

  /** Translates a failure without a response; the only place that does. */
  private SourceException failure(String path, IOException e) {
    String what = "GET " + path;
    return switch (HttpFailure.of(e)) {
      case CONNECT_TIMEOUT ->
          new SourceException(
              "1Password Connect at "
                  + server
                  + " could not be reached: connection timed out ("
                  + what
                  + ")",
              e);
      case REQUEST_TIMEOUT ->
          new SourceException(
              "1Password Connect at "
                  + server
                  + " did not answer "
                  + what
                  + " within "
                  + requestTimeout.toMillis()
                  + " ms (option request-timeout)",
              e);
      case TLS_UNTRUSTED, TLS_HOST_MISMATCH, TLS ->
          new SourceException(
              "TLS connection to 1Password Connect at "
                  + server
                  + " failed ("
                  + what
                  + "): the certificate is not trusted or does not match the host",
              e);
      case INTERRUPTED -> {
        Thread.currentThread().interrupt();
        yield new SourceException("interrupted while reading from 1Password Connect", e);
      }
      case REDIRECT_REFUSED ->
          new SourceException(
              "1Password Connect at " + server + ": " + what + ": " + e.getMessage(), e);
      case CONNECTION_REFUSED, OTHER ->
          new SourceException(
              "1Password Connect at "
                  + server
                  + " could not be reached ("
                  + what
                  + "): "
                  + e.getClass().getSimpleName(),
              e);
    };
  }

  /** Translates an error status; the only place that does. */
  private SourceException httpError(String path, Response reply) {
    int status = reply.status();
    String message = serverMessage(reply.text());
    String hint =
        switch (status) {
          case 401 -> "; the Connect token was refused: check OP_CONNECT_TOKEN";
          case 403 -> "; the Connect token may not read this vault";
          case 404 -> "; not found";
          case 429 -> "; rate limited, retries exhausted";
          default -> status >= 500 ? "; server error, retries exhausted where retryable" : "";
        };
    return new SourceException(
        "1Password Connect at "
            + server
            + " answered GET "
            + path
            + " with HTTP "
            + status
            + (message.isEmpty() ? "" : " (" + message + ")")
            + hint);
  }

  /**
   * The {@code message} of a Connect error body (nothing else of it), redacted, then shortened;
   * empty when absent.
   */
  private String serverMessage(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.path("message").isTextual()) {
        return redactor.clean(node.path("message").asText(), MAX_MESSAGE);
      }
    } catch (JsonProcessingException e) {
      // Not an error body of the documented shape: say nothing about it.
    }
    return "";
  }

  @Override
  public String toString() {
    return "ConnectClient[" + server + "]";
  }
}
