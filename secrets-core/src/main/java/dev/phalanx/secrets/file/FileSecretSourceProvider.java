package dev.phalanx.secrets.file;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.config.StaticSecretsFile;
import dev.phalanx.secrets.spi.OptionReader;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretSourceProvider;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.nio.file.Path;

/**
 * The {@code file} source: static secrets from a static-secrets YAML file (Phalanx's {@code
 * --secrets FILE}).
 */
public final class FileSecretSourceProvider implements SecretSourceProvider {

  /** Creates the provider; does nothing else. */
  public FileSecretSourceProvider() {}

  @Override
  public String type() {
    return "file";
  }

  @Override
  public SecretSource create(SourceConfig config) {
    OptionReader.of("file source", config.options()).check();
    if (config.location().isBlank()) {
      throw new PhalanxSecretsException("the file source needs a path: --secrets FILE");
    }
    Path path = Path.of(config.location());
    return new SecretSource() {
      private volatile StaticSecretsFile file;

      @Override
      public String describe() {
        return "static secrets file " + path;
      }

      @Override
      public StaticSecrets fetch(StaticSecretsRequest request) {
        if (file == null) {
          file = StaticSecretsFile.read(path);
        }
        return file.select(request);
      }
    };
  }
}
