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
   * Every known type.
   *
   * @return sorted type names
   */
  SortedSet<String> types();
}
