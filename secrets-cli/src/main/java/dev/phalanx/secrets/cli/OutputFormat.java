package dev.phalanx.secrets.cli;

/** {@code --format}: human text or machine-readable JSON. */
enum OutputFormat {
  /** Plain text, the Phalanx formats. */
  TEXT,
  /** JSON for scripts. */
  JSON
}
