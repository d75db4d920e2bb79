package dev.phalanx.secrets.engine;

/** Where a resolved value came from, for reports and {@code explain}. */
public enum Origin {
  /** A literal {@code value:} of the spec. */
  LITERAL,
  /** Copied from another secret. */
  COPY,
  /** Given by the static source. */
  STATIC_SOURCE,
  /** A static secret kept from the store (no static source value). */
  STORE,
  /** A generated secret kept from the store. */
  KEPT,
  /** Newly generated: the store had no value. */
  GENERATED,
  /** Regenerated because regeneration was asked for. */
  REGENERATED,
  /** Regenerated because the stored value is stale for its current inputs. */
  STALE,
  /** Derived anew from static input on every run ({@code oidc-clients}, the pull secret). */
  DERIVED
}
