package dev.phalanx.secrets.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request. Its headers hold credentials and its body may hold secret values, so {@link
 * #toString()} prints only method and URI.
 */
public final class Request {

  private static final byte[] EMPTY = new byte[0];

  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;

  private Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.headers = Map.copyOf(headers);
    this.body = body.clone();
  }

  /**
   * A request.
   *
   * @param method the HTTP method
   * @param uri the absolute URI
   * @param headers the headers
   * @param body the body, empty for none
   * @return the request
   */
  public static Request of(String method, URI uri, Map<String, String> headers, byte[] body) {
    return new Request(method, uri, headers, body);
  }

  /**
   * A {@code GET} without a body.
   *
   * @param uri the absolute URI
   * @param headers the headers
   * @return the request
   */
  public static Request get(URI uri, Map<String, String> headers) {
    return new Request("GET", uri, headers, EMPTY);
  }

  /**
   * The method.
   *
   * @return e.g. {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The URI.
   *
   * @return the absolute URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The headers.
   *
   * @return the headers, unmodifiable
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The body.
   *
   * @return a copy of the body, empty for none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The same request to another URI (a followed redirect).
   *
   * @param newUri the target
   * @return the request
   */
  public Request withUri(URI newUri) {
    return new Request(method, newUri, headers, body);
  }

  /** Method and URI only. */
  @Override
  public String toString() {
    return method + " " + uri;
  }
}
