package dev.phalanx.secrets.model;

import dev.phalanx.secrets.SecretRef;

/**
 * A secret an environment requires, after conditions are evaluated: exactly one of four kinds.
 *
 * <ul>
 *   <li>{@link StaticSecret}: the value comes from a static source (1Password, a YAML file, a
 *       person), else the store;
 *   <li>{@link ValueSecret}: a literal from the spec;
 *   <li>{@link CopySecret}: the resolved value of another secret;
 *   <li>{@link GeneratedSecret}: made by a generator.
 * </ul>
 */
public sealed interface Secret permits StaticSecret, ValueSecret, CopySecret, GeneratedSecret {

  /**
   * The spec entry this secret comes from.
   *
   * @return the spec
   */
  SecretSpec spec();

  /**
   * Application and key.
   *
   * @return the reference
   */
  default SecretRef ref() {
    return new SecretRef(spec().application(), spec().key());
  }

  /**
   * The application name.
   *
   * @return the application
   */
  default String application() {
    return spec().application();
  }

  /**
   * The secret key.
   *
   * @return the key
   */
  default String key() {
    return spec().key();
  }

  /**
   * The description, or the empty string when the spec has none (unconditional copies).
   *
   * @return the description
   */
  default String description() {
    String d = spec().description();
    return d == null ? "" : d;
  }

  /**
   * A short lowercase name of the kind: {@code static}, {@code value}, {@code copy} or {@code
   * generate}.
   *
   * @return the kind name
   */
  String kind();
}
