package dev.phalanx.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The value of a secret: a string that never prints itself.
 *
 * <p>{@link #toString()} is redacted, equality is constant-time ({@link MessageDigest#isEqual}),
 * and the hash code depends only on the length, so a value never leaks through logs, exception
 * messages, collections printed for debugging, or timing of comparisons. Get the content with
 * {@link #reveal()} only where it is really needed (writing to a store, generating a derived value,
 * an export command).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretValue {

  private static final SecretValue EMPTY = new SecretValue(new byte[0]);

  private final byte[] utf8;

  private SecretValue(byte[] utf8) {
    this.utf8 = utf8;
  }

  /**
   * Wraps a string.
   *
   * @param value the secret text, not null
   * @return the secret value
   */
  public static SecretValue of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? EMPTY : new SecretValue(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Wraps UTF-8 bytes; the array is copied.
   *
   * @param utf8 the UTF-8 encoded secret, not null
   * @return the secret value
   */
  public static SecretValue ofUtf8(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    return new SecretValue(utf8.clone());
  }

  /**
   * Returns the secret text. Callers must not log or print it.
   *
   * @return the secret as a string
   */
  public String reveal() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * Returns a copy of the UTF-8 bytes of the secret. Callers must not log or print them.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] revealUtf8() {
    return utf8.clone();
  }

  /**
   * Length in UTF-8 bytes.
   *
   * @return the number of bytes
   */
  public int utf8Length() {
    return utf8.length;
  }

  /**
   * Whether the secret is the empty string.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return utf8.length == 0;
  }

  /** Constant-time comparison of the contents. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SecretValue that && MessageDigest.isEqual(utf8, that.utf8);
  }

  /** Depends only on the length, so hashing a value reveals nothing of its content. */
  @Override
  public int hashCode() {
    return utf8.length;
  }

  /** Always {@code "SecretValue[redacted]"}. */
  @Override
  public String toString() {
    return "SecretValue[redacted]";
  }

  /**
   * Overwrites the given array with zeros; a helper for code that held a revealed copy.
   *
   * @param bytes the array to clear, may be null
   */
  public static void wipe(byte @Nullable [] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
