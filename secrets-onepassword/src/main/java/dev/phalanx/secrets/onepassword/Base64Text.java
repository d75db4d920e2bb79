package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** Decoding of {@code onepassword.encoded} values. Never reveals anything about the input. */
final class Base64Text {

  private Base64Text() {}

  /**
   * Decodes standard base64 (padding optional, line breaks and spaces ignored) to UTF-8 text.
   *
   * @return the decoded value, empty when the input is not base64 of UTF-8 text
   */
  static Optional<SecretValue> decode(SecretValue encoded) {
    byte[] in = encoded.revealUtf8();
    byte[] compact = new byte[in.length];
    int n = 0;
    for (byte b : in) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        compact[n++] = b;
      }
    }
    byte[] trimmed = Arrays.copyOf(compact, n);
    SecretValue.wipe(in);
    SecretValue.wipe(compact);
    byte[] decoded = null;
    try {
      // The JDK's message names the offending character: it is dropped, never shown.
      decoded = Base64.getDecoder().decode(trimmed);
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded));
      return Optional.of(SecretValue.ofUtf8(decoded));
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    } finally {
      SecretValue.wipe(trimmed);
      SecretValue.wipe(decoded);
    }
  }
}
