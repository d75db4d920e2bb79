package dev.phalanx.secrets.model;

import dev.phalanx.secrets.Location;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@code secrets.yaml} or {@code secrets-<env>.yaml} file, as written, before any
 * condition is evaluated. Validated when parsed: an instance always satisfies the rules of a secret
 * specification.
 *
 * @param application the application the file belongs to
 * @param key the secret key
 * @param description the description, or null when an unconditional copy makes it optional
 * @param condition the top-level {@code if}, or null
 * @param copy the {@code copy:} rule, or null
 * @param generate the {@code generate:} rule, or null
 * @param value the literal {@code value:}, or null; literals are public configuration, not secrets
 * @param onePasswordEncoded whether the 1Password copy of the value is base64-encoded
 * @param location where the entry starts
 */
public record SecretSpec(
    String application,
    String key,
    @Nullable String description,
    @Nullable Condition condition,
    @Nullable CopyRule copy,
    @Nullable GenerateRule generate,
    @Nullable String value,
    boolean onePasswordEncoded,
    Location location) {

  /** Checks the required fields. */
  public SecretSpec {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(location, "location");
  }
}
