package dev.phalanx.secrets.spi;

/** Whether a generator takes a {@code source:} secret. */
public enum SourcePolicy {
  /** {@code source} must be set (e.g. {@code bcrypt-password-hash}, {@code mtime}). */
  REQUIRED,
  /** {@code source} must not be set (most types). */
  FORBIDDEN,
  /** {@code source} may be set (e.g. a certificate's private key). */
  OPTIONAL
}
