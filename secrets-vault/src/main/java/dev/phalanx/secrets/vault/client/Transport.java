package dev.phalanx.secrets.vault.client;

import java.io.IOException;

/** The HTTP seam: sends one request and returns whatever status came back. */
interface Transport {

  /**
   * Sends a request.
   *
   * @param request the request
   * @return the response, for every status
   * @throws IOException when no response was received (connection failure, timeout, TLS)
   */
  RawResponse send(RawRequest request) throws IOException;
}
