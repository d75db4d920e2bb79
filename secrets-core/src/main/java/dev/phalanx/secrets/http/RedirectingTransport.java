package dev.phalanx.secrets.http;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * The one redirect rule: at most one redirect is followed, and never from {@code https} to {@code
 * http}. A refused redirect is a {@link RedirectRefusedException}, which is never retried.
 */
public final class RedirectingTransport implements Transport {

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Transport delegate;

  /**
   * Wraps a transport that follows no redirect itself.
   *
   * @param delegate the transport
   */
  public RedirectingTransport(Transport delegate) {
    this.delegate = delegate;
  }

  @Override
  public Response send(Request request) throws IOException {
    Response first = delegate.send(request);
    if (!REDIRECTS.contains(first.status())) {
      return first;
    }
    URI target = location(request, first);
    Response second = delegate.send(request.withUri(target));
    if (REDIRECTS.contains(second.status())) {
      throw new RedirectRefusedException(
          "more than one redirect (from " + origin(request.uri()) + "); at most one is followed");
    }
    return second;
  }

  private static URI location(Request request, Response response) throws IOException {
    String header =
        response
            .header("Location")
            .orElseThrow(
                () ->
                    new RedirectRefusedException(
                        "redirect " + response.status() + " without a Location header"));
    URI target;
    try {
      target = request.uri().resolve(header);
    } catch (IllegalArgumentException e) {
      throw new RedirectRefusedException("redirect to an invalid Location");
    }
    String from = request.uri().getScheme();
    String to = target.getScheme();
    if ("https".equalsIgnoreCase(from) && !"https".equalsIgnoreCase(to)) {
      throw new RedirectRefusedException(
          "redirect from https to " + to + " (" + origin(target) + ") refused");
    }
    if (!"https".equalsIgnoreCase(to) && !"http".equalsIgnoreCase(to)) {
      throw new RedirectRefusedException("redirect to unsupported scheme " + to);
    }
    return target;
  }

  /**
   * Scheme, host and port only, for messages: a URI could carry a query we do not want shown.
   *
   * @param uri the URI
   * @return e.g. {@code https://vault.example.com:8200}
   */
  public static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
