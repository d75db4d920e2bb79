package dev.phalanx.secrets.onepassword;

import java.io.IOException;
import java.util.Optional;

/**
 * The HTTP seam: one GET against the Connect server. Implementations return every status as a
 * {@link Reply}; they throw only when no response was received.
 */
interface Transport {

  /**
   * Sends {@code GET <connect-url><path>}.
   *
   * @param path the path and query, starting with {@code /v1/}
   * @return the reply, whatever its status
   * @throws IOException when no response was received (connection failure, timeout)
   * @throws InterruptedException when the calling thread is interrupted
   */
  Reply get(String path) throws IOException, InterruptedException;

  /** The number of requests actually sent so far (attempts, not calls). */
  int requestCount();

  /**
   * An HTTP response.
   *
   * @param status the status code
   * @param retryAfter the {@code Retry-After} header, when present
   * @param body the body as text; may hold secret values, so it is never printed
   */
  record Reply(int status, Optional<String> retryAfter, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Status only: the body may hold secret values. */
    @Override
    public String toString() {
      return "Reply[status=" + status + "]";
    }
  }
}
