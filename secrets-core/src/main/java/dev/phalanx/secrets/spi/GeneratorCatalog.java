package dev.phalanx.secrets.spi;

import java.util.Optional;
import java.util.SortedSet;

/** Generators by type name, as used by the spec parser and the resolver. */
public interface GeneratorCatalog {

  /**
   * The generator for a type.
   *
   * @param type the type name
   * @return the generator, empty when unknown
   */
  Optional<SecretGenerator> find(String type);

  /**
   * Every generator type known to this catalog: the names a {@code generate: type:} in {@code
   * secrets.yaml} may use (e.g. {@code password}, {@code bcrypt-password-hash}). For {@code
   * Providers}, the types of every discovered or registered generator provider; not store or source
   * types (see {@code ProviderRegistry.types()} of {@code Providers.stores()}).
   *
   * @return sorted type names
   */
  SortedSet<String> types();
}
