package dev.phalanx.secrets.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What kind of failure left a request without a response, so that every backend words the same
 * failure the same way.
 */
public enum HttpFailure {
  /** No connection within the connect timeout. */
  CONNECT_TIMEOUT,
  /** Connected, but no response within the request timeout. */
  REQUEST_TIMEOUT,
  /** The server's TLS certificate is not signed by a trusted CA. */
  TLS_UNTRUSTED,
  /** The server's TLS certificate does not name the host. */
  TLS_HOST_MISMATCH,
  /** Another TLS failure. */
  TLS,
  /** A redirect that is not followed. */
  REDIRECT_REFUSED,
  /** The calling thread was interrupted. */
  INTERRUPTED,
  /** Nothing listens at the address. */
  CONNECTION_REFUSED,
  /** Any other connection failure (reset, malformed response, unknown host...). */
  OTHER;

  /**
   * Classifies a failure.
   *
   * @param e the failure
   * @return its kind
   */
  public static HttpFailure of(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return CONNECT_TIMEOUT;
    }
    if (e instanceof HttpTimeoutException) {
      return REQUEST_TIMEOUT;
    }
    if (hasCause(e, CertPathBuilderException.class)
        || hasCause(e, SSLHandshakeException.class) && messageContains(e, "PKIX")) {
      return TLS_UNTRUSTED;
    }
    if (hasCause(e, CertificateException.class)
        && (messageContains(e, "subject alternative") || messageContains(e, "No name matching"))) {
      return TLS_HOST_MISMATCH;
    }
    if (hasCause(e, SSLException.class)) {
      return TLS;
    }
    if (e instanceof RedirectRefusedException) {
      return REDIRECT_REFUSED;
    }
    if (e instanceof InterruptedIOException) {
      return INTERRUPTED;
    }
    if (e instanceof ConnectException) {
      return CONNECTION_REFUSED;
    }
    return OTHER;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean messageContains(Throwable t, String text) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }
}
