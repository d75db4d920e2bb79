package dev.phalanx.secrets;

import java.util.Comparator;
import java.util.Objects;

/**
 * The name of one secret of an environment: an application and one of its keys.
 *
 * <p>Sorted by application, then key, the order every listing and report uses. Names compare by
 * Unicode code point, as Python (and so Phalanx) sorts strings, not by UTF-16 unit as {@link
 * String#compareTo} does (the two differ for characters above U+FFFF against U+E000 to U+FFFF).
 *
 * @param application the application name
 * @param key the secret key within the application
 */
public record SecretRef(String application, String key) implements Comparable<SecretRef> {

  /** Strings by code point, as Python compares them. */
  public static final Comparator<String> CODE_POINT_ORDER = SecretRef::compareCodePoints;

  private static final Comparator<SecretRef> ORDER =
      Comparator.comparing(SecretRef::application, CODE_POINT_ORDER)
          .thenComparing(SecretRef::key, CODE_POINT_ORDER);

  private static int compareCodePoints(String a, String b) {
    // UTF-16 order is code point order up to the first differing char unless a surrogate is
    // involved there: the fast path compares chars, the rare surrogate case walks code points.
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char x = a.charAt(k);
      char y = b.charAt(k);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return compareByCodePoints(a, b);
        }
        return Integer.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareByCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Checks that neither part is null. */
  public SecretRef {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(key, "key");
  }

  /**
   * Creates a reference.
   *
   * @param application the application name
   * @param key the secret key
   * @return the reference
   */
  public static SecretRef of(String application, String key) {
    return new SecretRef(application, key);
  }

  @Override
  public int compareTo(SecretRef other) {
    return ORDER.compare(this, other);
  }

  /** {@code application/key}. */
  @Override
  public String toString() {
    return application + "/" + key;
  }
}
