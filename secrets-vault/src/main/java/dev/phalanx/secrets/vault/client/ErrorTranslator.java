package dev.phalanx.secrets.vault.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place where HTTP failures become exceptions. Messages name the server, method, path and
 * status, and Vault's error text (whitespace-normalised and shortened); never headers or bodies of
 * requests.
 */
final class ErrorTranslator {

  private static final int MAX_ERROR_CHARS = 300;

  private final String server;
  private final VaultClientOptions options;

  ErrorTranslator(VaultClientOptions options) {
    this.options = options;
    this.server = RedirectingTransport.origin(options.address());
  }

  VaultException fromResponse(String method, String path, int status, JsonNode body) {
    List<String> errors = errors(body);
    String detail = errors.isEmpty() ? "" : ": " + String.join("; ", errors);
    String what = method + " " + path;
    String message;
    if (status == 503 && detail.toLowerCase(Locale.ROOT).contains("sealed")) {
      message =
          "Vault at "
              + server
              + " is sealed (HTTP 503 for "
              + what
              + "); unseal it (or wait until it is unsealed) and try again";
    } else if (status == 503) {
      message =
          "Vault at "
              + server
              + " is unavailable (HTTP 503 for "
              + what
              + detail
              + "); it may be sealed, a standby without an active node, or under maintenance";
    } else if (status == 403) {
      message =
          "Vault at "
              + server
              + " denied "
              + what
              + " (HTTP 403"
              + detail
              + "); the token may be invalid or expired, or lack a policy for this path";
    } else {
      message = "Vault at " + server + ": " + what + " failed with HTTP " + status + detail;
    }
    return new VaultException(message, status, path, errors, null);
  }

  /** The same failure with every sent secret removed from message and errors. */
  VaultException redacted(VaultException e, Redactor redactor) {
    return new VaultException(
        redactor.apply(e.getMessage()),
        e.status(),
        e.path(),
        e.errors().stream().map(redactor::apply).toList(),
        null);
  }

  VaultException fromFailure(String method, String path, IOException e) {
    String what = method + " " + path;
    String message;
    if (e instanceof HttpConnectTimeoutException) {
      message =
          "could not connect to Vault at "
              + server
              + " within the connect timeout of "
              + options.connectTimeout().toMillis()
              + " ms ("
              + what
              + ")";
    } else if (e instanceof HttpTimeoutException) {
      message =
          "Vault at "
              + server
              + " did not answer "
              + what
              + " within the request timeout of "
              + options.requestTimeout().toMillis()
              + " ms";
    } else if (isUntrusted(e)) {
      message =
          "TLS certificate of "
              + server
              + " is not trusted; set VAULT_CACERT (or the store option ca-cert) to the PEM file"
              + " of the CA that signed it";
    } else if (isHostnameMismatch(e)) {
      message =
          "TLS certificate of "
              + server
              + " does not match the host name "
              + options.address().getHost();
    } else if (hasCause(e, SSLException.class)) {
      message = "TLS connection to " + server + " failed (" + what + "): " + e.getMessage();
    } else if (e instanceof RedirectingTransport.RedirectRefusedException) {
      message = "Vault at " + server + ": " + what + ": " + e.getMessage();
    } else if (e instanceof InterruptedIOException) {
      message = "interrupted during " + what + " on Vault at " + server;
    } else if (e instanceof ConnectException) {
      message = "could not connect to Vault at " + server + " (" + what + "): connection refused";
    } else {
      message =
          "connection to Vault at "
              + server
              + " failed during "
              + what
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return new VaultException(message, 0, path, List.of(), e);
  }

  private static boolean isUntrusted(IOException e) {
    return hasCause(e, CertPathBuilderException.class)
        || hasCause(e, SSLHandshakeException.class) && messageContains(e, "PKIX");
  }

  private static boolean isHostnameMismatch(IOException e) {
    return hasCause(e, CertificateException.class)
        && (messageContains(e, "subject alternative") || messageContains(e, "No name matching"));
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

  static List<String> errors(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (JsonNode error : body.path("errors")) {
      String text = error.asText().replaceAll("\\s+", " ").trim();
      if (text.isEmpty()) {
        continue;
      }
      out.add(text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text);
    }
    return out;
  }
}
