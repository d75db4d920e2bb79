package dev.phalanx.secrets;

import java.util.Comparator;
import java.util.Objects;

/**
 * The name of one secret of an environment: an application and one of its keys.
 *
 * <p>Sorted by application, then key, the order every listing and report uses.
 *
 * @param application the application name
 * @param key the secret key within the application
 */
public record SecretRef(String application, String key) implements Comparable<SecretRef> {

  private static final Comparator<SecretRef> ORDER =
      Comparator.comparing(SecretRef::application).thenComparing(SecretRef::key);

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
