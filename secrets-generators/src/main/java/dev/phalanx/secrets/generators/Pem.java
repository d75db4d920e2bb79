package dev.phalanx.secrets.generators;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM encoding as Python {@code cryptography} (OpenSSL) writes it: 64-character lines, final LF.
 */
final class Pem {

  private static final Base64.Encoder LINES =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** {@code -----BEGIN label-----}, the base64 of {@code der} in 64-character lines, the end. */
  static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + LINES.encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
