package dev.phalanx.secrets.spi;

import org.jspecify.annotations.Nullable;

/** When a {@link SecretStore#write} may take effect. */
public sealed interface WriteCondition {

  /** Only when the application does not exist yet (Vault {@code cas=0}). */
  record CreateOnly() implements WriteCondition {}

  /**
   * Only when the application's current version is exactly this one (Vault {@code cas=N}); use the
   * version just read, including the version of a soft-deleted application.
   *
   * @param version the expected current version, at least 1
   */
  record IfVersion(long version) implements WriteCondition {
    /** Checks the version. */
    public IfVersion {
      if (version < 1) {
        throw new IllegalArgumentException("version must be at least 1");
      }
    }
  }

  /**
   * The write condition for replacing what {@link SecretStore#read} returned.
   *
   * @param current the application as just read, or null when it was absent
   * @return create-only for an absent application, else the version read
   */
  static WriteCondition replacing(@Nullable StoredApplication current) {
    return current == null ? new CreateOnly() : new IfVersion(current.version());
  }
}
