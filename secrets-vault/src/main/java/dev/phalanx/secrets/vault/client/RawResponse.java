package dev.phalanx.secrets.vault.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP response as received. The body may hold secrets: {@link #toString()} omits it. */
final class RawResponse {

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  RawResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  int status() {
    return status;
  }

  byte[] body() {
    return body;
  }

  Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
          && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RawResponse[status=" + status + ", bodyBytes=" + body.length + "]";
  }
}
