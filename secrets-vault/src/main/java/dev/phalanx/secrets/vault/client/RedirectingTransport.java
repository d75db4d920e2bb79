package dev.phalanx.secrets.vault.client;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Follows at most one redirect, and never from {@code https} to {@code http}. A refused redirect
 * becomes a {@link RedirectRefusedException}, which is not retried.
 */
final class RedirectingTransport implements Transport {

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Transport delegate;

  RedirectingTransport(Transport delegate) {
    this.delegate = delegate;
  }

  @Override
  public RawResponse send(RawRequest request) throws IOException {
    RawResponse first = delegate.send(request);
    if (!REDIRECTS.contains(first.status())) {
      return first;
    }
    URI target = location(request, first);
    RawResponse second = delegate.send(request.withUri(target));
    if (REDIRECTS.contains(second.status())) {
      throw new RedirectRefusedException(
          "more than one redirect (from " + origin(request.uri()) + "); at most one is followed");
    }
    return second;
  }

  private static URI location(RawRequest request, RawResponse response) throws IOException {
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

  /** Scheme, host and port only: a Location could carry a query we do not want in messages. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** A redirect that is not followed. */
  static final class RedirectRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RedirectRefusedException(String message) {
      super(message);
    }
  }
}
