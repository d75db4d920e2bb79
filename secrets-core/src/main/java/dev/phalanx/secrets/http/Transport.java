package dev.phalanx.secrets.http;

import java.io.IOException;

/** The HTTP seam: sends one request and returns whatever status came back. */
@FunctionalInterface
public interface Transport {

  /**
   * Sends a request.
   *
   * @param request the request
   * @return the response, for every status
   * @throws IOException when no response was received (connection failure, timeout, TLS, a refused
   *     redirect)
   */
  Response send(Request request) throws IOException;
}
