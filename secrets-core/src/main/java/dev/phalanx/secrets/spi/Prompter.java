package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import java.util.Optional;

/**
 * Asks a person for a secret value. The library never touches the terminal itself: the command line
 * tool (or an embedding program) supplies an implementation.
 */
public interface Prompter {

  /**
   * Asks for one secret without echoing the answer.
   *
   * @param secret the secret asked for
   * @param description its description, to show the person
   * @return the answer; empty when the person gave none (skip)
   */
  Optional<SecretValue> askSecret(SecretRef secret, String description);
}
