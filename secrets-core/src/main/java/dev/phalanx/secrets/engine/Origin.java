package dev.phalanx.secrets.engine;

/** Where a resolved value came from, for reports and {@code explain}. */
public enum Origin {
  /** A literal {@code value:} of the spec. */
  LITERAL,
  /** Copied from another secret. */
  COPY,
  /** Given by the static source. */
  STATIC_SOURCE,
  /**
   * Kept from the store because there is no static source value: a static secret, or a value
   * derived from static input when there is no static source or it provides none of the input.
   */
  KEPT_STATIC,
  /** A generated secret kept from the store (generated earlier, fresh). */
  KEPT_GENERATED,
  /** Newly generated: the store had no value. */
  GENERATED,
  /** Regenerated because regeneration was asked for. */
  REGENERATED,
  /** Regenerated because the stored value is stale for its current inputs. */
  STALE,
  /** Derived anew from static input on every run ({@code oidc-clients}, the pull secret). */
  DERIVED
}
