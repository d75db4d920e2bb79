package dev.phalanx.secrets.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP response as received. The body may hold secrets: {@link #toString()} omits it. */
public final class Response {

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  /**
   * A response.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body, empty for none
   */
  public Response(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.body = body.clone();
  }

  /**
   * The status code.
   *
   * @return e.g. 200
   */
  public int status() {
    return status;
  }

  /**
   * Whether the status is 2xx.
   *
   * @return true for 200 to 299
   */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /**
   * The body.
   *
   * @return a copy of the body
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The first value of a header, its name matched without regard to case.
   *
   * @param name the header name
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
          && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** Status and body size only. */
  @Override
  public String toString() {
    return "Response[status=" + status + ", bodyBytes=" + body.length + "]";
  }
}
