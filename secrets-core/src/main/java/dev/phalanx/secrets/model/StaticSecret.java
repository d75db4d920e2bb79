package dev.phalanx.secrets.model;

/**
 * A secret whose value comes from a static source, else from what the store already holds.
 *
 * @param spec the spec entry
 */
public record StaticSecret(SecretSpec spec) implements Secret {

  /**
   * Whether the 1Password copy is base64-encoded ({@code onepassword.encoded}).
   *
   * @return true when encoded
   */
  public boolean onePasswordEncoded() {
    return spec.onePasswordEncoded();
  }

  @Override
  public String kind() {
    return "static";
  }
}
