package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phalanx.secrets.http.HttpFailure;
import dev.phalanx.secrets.http.Redactor;
import dev.phalanx.secrets.http.RedirectingTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place where HTTP failures become exceptions. Messages name the server, method, path and
 * status, and Vault's error texts: only the {@code errors} array of the body (never other server
 * text, which may echo the request), each redacted of what the request sent in every form, then
 * whitespace-normalised and shortened. Never headers or bodies of requests.
 */
final class ErrorTranslator {

  static final int MAX_ERROR_CHARS = 300;

  private final String server;
  private final VaultClientOptions options;

  ErrorTranslator(VaultClientOptions options) {
    this.options = options;
    this.server = RedirectingTransport.origin(options.address());
  }

  VaultException fromResponse(
      String method, String path, int status, JsonNode body, Redactor redactor) {
    List<String> errors = errors(body, redactor);
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

  VaultException fromFailure(String method, String path, IOException e) {
    String what = method + " " + path;
    String message =
        switch (HttpFailure.of(e)) {
          case CONNECT_TIMEOUT ->
              "could not connect to Vault at "
                  + server
                  + " within the connect timeout of "
                  + options.http().connectTimeout().toMillis()
                  + " ms ("
                  + what
                  + ")";
          case REQUEST_TIMEOUT ->
              "Vault at "
                  + server
                  + " did not answer "
                  + what
                  + " within the request timeout of "
                  + options.http().requestTimeout().toMillis()
                  + " ms";
          case TLS_UNTRUSTED ->
              "TLS certificate of "
                  + server
                  + " is not trusted; set VAULT_CACERT (or the store option ca-cert) to the PEM file"
                  + " of the CA that signed it";
          case TLS_HOST_MISMATCH ->
              "TLS certificate of "
                  + server
                  + " does not match the host name "
                  + options.address().getHost();
          case TLS -> "TLS connection to " + server + " failed (" + what + "): " + e.getMessage();
          case REDIRECT_REFUSED -> "Vault at " + server + ": " + what + ": " + e.getMessage();
          case INTERRUPTED -> "interrupted during " + what + " on Vault at " + server;
          case CONNECTION_REFUSED ->
              "could not connect to Vault at " + server + " (" + what + "): connection refused";
          case OTHER ->
              "connection to Vault at "
                  + server
                  + " failed during "
                  + what
                  + ": "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
    return new VaultException(message, 0, path, List.of(), e);
  }

  /** The {@code errors} array: each redacted first, then folded and shortened. */
  static List<String> errors(JsonNode body, Redactor redactor) {
    List<String> out = new ArrayList<>();
    for (JsonNode error : body.path("errors")) {
      String text = redactor.clean(error.asText(), MAX_ERROR_CHARS);
      if (!text.isEmpty()) {
        out.add(text);
      }
    }
    return out;
  }
}
