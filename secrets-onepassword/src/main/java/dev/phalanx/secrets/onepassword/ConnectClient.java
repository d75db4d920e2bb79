package dev.phalanx.secrets.onepassword;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.SourceException;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The three Connect calls this source needs, with JSON mapping and the one place where failures
 * (HTTP errors, timeouts, connection failures, malformed bodies) become {@link SourceException}s
 * that name the status and path, never the token or a value.
 */
final class ConnectClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[0-9a-z]{26}");
  private static final int MAX_MESSAGE = 200;

  private final Transport transport;
  private final String server;
  private final Duration requestTimeout;

  ConnectClient(Transport transport, String server, Duration requestTimeout) {
    this.transport = transport;
    this.server = server;
    this.requestTimeout = requestTimeout;
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
    return transport.requestCount();
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
    Transport.Reply reply;
    try {
      reply = transport.get(path);
    } catch (HttpConnectTimeoutException e) {
      throw new SourceException(
          "1Password Connect at "
              + server
              + " could not be reached: connection timed out (GET "
              + path
              + ")",
          e);
    } catch (HttpTimeoutException e) {
      throw new SourceException(
          "1Password Connect at "
              + server
              + " did not answer GET "
              + path
              + " within "
              + requestTimeout.toMillis()
              + " ms (option request-timeout)",
          e);
    } catch (IOException e) {
      throw new SourceException(
          "1Password Connect at "
              + server
              + " could not be reached (GET "
              + path
              + "): "
              + e.getClass().getSimpleName(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while reading from 1Password Connect", e);
    }
    if (!reply.ok()) {
      throw httpError(path, reply);
    }
    try {
      JsonNode node = JSON.readTree(reply.body());
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

  /** Translates an error status; the only place that does. */
  private SourceException httpError(String path, Transport.Reply reply) {
    int status = reply.status();
    String message = serverMessage(reply.body());
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

  /** The {@code message} of a Connect error body, shortened; empty when absent. */
  private static String serverMessage(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.path("message").isTextual()) {
        String m = node.path("message").asText().strip().replaceAll("[\\p{Cntrl}]", " ");
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
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
