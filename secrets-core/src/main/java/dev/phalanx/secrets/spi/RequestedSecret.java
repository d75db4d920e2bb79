package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.StaticSecret;
import java.util.Objects;

/**
 * One static secret a {@link SecretSource} is asked for: only what a source needs, not the whole
 * spec entry.
 *
 * @param ref the secret
 * @param description its description, for prompts and templates (empty when it has none)
 * @param encoded whether the source keeps the value base64-encoded ({@code onepassword.encoded})
 */
public record RequestedSecret(SecretRef ref, String description, boolean encoded) {

  /** Checks the arguments. */
  public RequestedSecret {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(description, "description");
  }

  /**
   * The request for a required static secret.
   *
   * @param secret the secret
   * @return what a source needs of it
   */
  public static RequestedSecret of(StaticSecret secret) {
    return new RequestedSecret(secret.ref(), secret.description(), secret.onePasswordEncoded());
  }

  /**
   * The application.
   *
   * @return the application name
   */
  public String application() {
    return ref.application();
  }

  /**
   * The key within the application.
   *
   * @return the key
   */
  public String key() {
    return ref.key();
  }
}
