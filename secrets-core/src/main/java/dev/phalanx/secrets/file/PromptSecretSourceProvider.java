package dev.phalanx.secrets.file;

import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.spi.OptionReader;
import dev.phalanx.secrets.spi.Prompter;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretSourceProvider;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;

/**
 * The {@code prompt} source: asks a person for each static secret it is asked for, showing its
 * description, without echo. Refuses with a clear error when nobody is at a terminal.
 */
public final class PromptSecretSourceProvider implements SecretSourceProvider {

  /** Creates the provider; does nothing else. */
  public PromptSecretSourceProvider() {}

  @Override
  public String type() {
    return "prompt";
  }

  @Override
  public SecretSource create(SourceConfig config) {
    OptionReader.of("prompt source", config.options()).check();
    Prompter prompter =
        config
            .interactive()
            .orElseThrow(
                () ->
                    new SourceException(
                        "interactive prompting needs a terminal, and there is none; give the"
                            + " static secrets with --secrets FILE instead"));
    return new SecretSource() {
      @Override
      public String describe() {
        return "interactive prompt";
      }

      @Override
      public StaticSecrets fetch(StaticSecretsRequest request) {
        StaticSecrets.Builder builder = StaticSecrets.builder();
        for (RequestedSecret secret : request.secrets()) {
          prompter
              .askSecret(secret.ref(), secret.description())
              .ifPresent(value -> builder.value(secret.ref(), value));
        }
        return builder.build();
      }
    };
  }
}
