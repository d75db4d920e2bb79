package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretValue;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which slow staleness verifications (a bcrypt hash checked against its source) already
 * succeeded, so that an unchanged (source, stored value) pair is not verified again on every run.
 *
 * <p>Only verdicts of generators whose {@link
 * dev.phalanx.secrets.spi.SecretGenerator#memoizableStaleCheck() check depends on nothing but the
 * source and the stored value} are remembered, and only successful ones ("still fresh"). A memo
 * that forgets (deleted, corrupted, full) only costs a verification again; it never turns a stale
 * value into a fresh one as long as its keys cannot be forged. Implementations must not keep
 * anything from which a value can be learnt without their own secret key: see {@link #file(Path)}.
 * Thread-safe.
 */
public interface VerificationMemo {

  /**
   * Whether this exact pair was verified fresh before.
   *
   * @param type the generator type
   * @param source the source value the stored value was verified against
   * @param stored the stored value
   * @return true when remembered
   */
  boolean verified(String type, SecretValue source, SecretValue stored);

  /**
   * Records that the pair verified fresh.
   *
   * @param type the generator type
   * @param source the source value
   * @param stored the stored value
   */
  void remember(String type, SecretValue source, SecretValue stored);

  /**
   * Makes what was remembered durable, when the memo is backed by storage; called once at the end
   * of a resolution. The default does nothing. Never throws: a memo that cannot be saved is a cache
   * miss next time.
   */
  default void flush() {}

  /**
   * A memo that remembers nothing: every verification runs (the engine's default).
   *
   * @return the memo
   */
  static VerificationMemo none() {
    return None.INSTANCE;
  }

  /**
   * A memo in this process's memory only, keyed with a random key made for it.
   *
   * @return a new memo
   */
  static VerificationMemo inMemory() {
    MemoKey key = MemoKey.random();
    Set<MemoKey.Tag> seen = ConcurrentHashMap.newKeySet();
    return new VerificationMemo() {
      @Override
      public boolean verified(String type, SecretValue source, SecretValue stored) {
        return seen.contains(key.mac(type, source, stored));
      }

      @Override
      public void remember(String type, SecretValue source, SecretValue stored) {
        seen.add(key.mac(type, source, stored));
      }
    };
  }

  /**
   * A memo kept between runs in an owner-only directory (created with mode 0700 when missing): a
   * random 256-bit key in {@code key} (mode 0600) and, in {@code verified} (mode 0600), the
   * HMAC-SHA256 under that key of each verified (type, source, stored value) triple, nothing else.
   * Without the key the file reveals nothing about any value. The file is replaced atomically under
   * a lock, so concurrent runs share it safely; a file that is missing, corrupted or made with
   * another key reads as empty; it keeps at most 8,192 entries, the most recent.
   *
   * @param directory the directory, e.g. {@code ~/.cache/phalanx-secrets}
   * @return the memo; if the directory cannot be used, a memo that remembers only in memory
   */
  static VerificationMemo file(Path directory) {
    return FileVerificationMemo.open(directory);
  }

  /** The memo that remembers nothing. */
  enum None implements VerificationMemo {
    INSTANCE;

    @Override
    public boolean verified(String type, SecretValue source, SecretValue stored) {
      return false;
    }

    @Override
    public void remember(String type, SecretValue source, SecretValue stored) {}
  }
}
