package dev.phalanx.secrets.vault.client;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request as the transport sends it. Its headers hold the token and its body may hold
 * secret values, so {@link #toString()} prints only method and URI.
 */
final class RawRequest {

  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;

  RawRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
    this.method = method;
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  String method() {
    return method;
  }

  URI uri() {
    return uri;
  }

  Map<String, String> headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }

  RawRequest withUri(URI newUri) {
    return new RawRequest(method, newUri, headers, body);
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }
}
