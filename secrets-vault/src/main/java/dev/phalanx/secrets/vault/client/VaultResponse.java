package dev.phalanx.secrets.vault.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful (2xx) or not-found (404) response. The body may hold secrets, so {@link #toString()}
 * prints only the status.
 */
public final class VaultResponse {

  private final int status;
  private final JsonNode body;

  VaultResponse(int status, JsonNode body) {
    this.status = status;
    this.body = body;
  }

  /**
   * The HTTP status.
   *
   * @return the status: 2xx, or 404
   */
  public int status() {
    return status;
  }

  /**
   * Whether the server answered 404.
   *
   * @return true on 404
   */
  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * The parsed body.
   *
   * @return the body, a missing node when it was empty
   */
  public JsonNode body() {
    return body;
  }

  /**
   * The {@code data} member of the body.
   *
   * @return the data, a missing node when absent
   */
  public JsonNode data() {
    return body.path("data");
  }

  @Override
  public String toString() {
    return "VaultResponse[status=" + status + "]";
  }
}
