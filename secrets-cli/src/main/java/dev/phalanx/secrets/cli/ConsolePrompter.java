package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.Prompter;
import java.io.Console;
import java.util.Arrays;
import java.util.Optional;

/** Asks at the terminal, without echo. Absent when there is no terminal. */
final class ConsolePrompter implements Prompter {

  private final Console console;

  private ConsolePrompter(Console console) {
    this.console = console;
  }

  static Optional<Prompter> create() {
    Console console = System.console();
    return console == null ? Optional.empty() : Optional.of(new ConsolePrompter(console));
  }

  @Override
  public Optional<SecretValue> askSecret(SecretRef secret, String description) {
    console.printf("%n%s %s%n", secret.application(), secret.key());
    if (!description.isBlank()) {
      console.printf("  %s%n", description.strip());
    }
    char[] answer = console.readPassword("  value (empty to skip): ");
    if (answer == null || answer.length == 0) {
      return Optional.empty();
    }
    SecretValue value = SecretValue.of(new String(answer));
    Arrays.fill(answer, '\0');
    return Optional.of(value);
  }
}
