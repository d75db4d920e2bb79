package dev.phalanx.secrets.spi;

/**
 * What a store can do, declared up front rather than found out through exceptions.
 *
 * @param writable whether {@link SecretStore#write} and {@link SecretStore#delete} work
 * @param checkAndSet whether writes honour {@link WriteCondition}s atomically (versioned stores); a
 *     store without it must still reject a {@link WriteCondition.CreateOnly} on an existing
 *     application as best it can
 */
public record StoreCapabilities(boolean writable, boolean checkAndSet) {

  /** A store that can only be read. */
  public static final StoreCapabilities READ_ONLY = new StoreCapabilities(false, false);

  /** A versioned store with atomic check-and-set writes. */
  public static final StoreCapabilities READ_WRITE_CAS = new StoreCapabilities(true, true);
}
