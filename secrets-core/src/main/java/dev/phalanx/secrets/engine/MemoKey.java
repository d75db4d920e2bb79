package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The secret key of a {@link VerificationMemo}, and the HMAC-SHA256 it makes of a triple. */
final class MemoKey {

  static final int LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  MemoKey(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a memo key has " + LENGTH + " bytes");
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /** The key's bytes, to store it; the caller wipes them. */
  byte[] encoded() {
    return key.getEncoded();
  }

  /** Whether both hold the same key, compared in constant time. */
  boolean sameAs(MemoKey other) {
    byte[] a = encoded();
    byte[] b = other.encoded();
    try {
      return MessageDigest.isEqual(a, b);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  static MemoKey random() {
    byte[] bytes = new byte[LENGTH];
    new SecureRandom().nextBytes(bytes);
    try {
      return new MemoKey(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The MAC of (type, source, stored), each length-prefixed so no two triples collide. */
  MemoKey.Tag mac(String type, SecretValue source, SecretValue stored) {
    byte[] s = source.revealUtf8();
    byte[] v = stored.revealUtf8();
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      update(mac, type.getBytes(StandardCharsets.UTF_8));
      update(mac, s);
      update(mac, v);
      return new Tag(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    } finally {
      SecretValue.wipe(s);
      SecretValue.wipe(v);
    }
  }

  private static void update(Mac mac, byte[] bytes) {
    mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    mac.update(bytes);
  }

  /** A 32-byte MAC, compared by content. */
  static final class Tag {
    private final byte[] bytes;

    Tag(byte[] bytes) {
      if (bytes.length != LENGTH) {
        throw new IllegalArgumentException("a memo tag has " + LENGTH + " bytes");
      }
      this.bytes = bytes.clone();
    }

    byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Tag t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Tag";
    }
  }
}
