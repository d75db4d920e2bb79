package dev.phalanx.secrets.tests.contract;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.testkit.contract.SecretSourceContract;
import dev.phalanx.secrets.testkit.contract.SourceFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** The {@code file} source reading a static-secrets YAML file. */
@DisplayName("the file source meets the SecretSource contract")
class FileSecretSourceContractTest extends SecretSourceContract {

  @TempDir Path dir;

  @Override
  protected SecretSource createSource(SourceFixture fixture) throws IOException {
    Path file =
        Files.writeString(dir.resolve("static-secrets.yaml"), fixture.toStaticSecretsYaml());
    return Providers.load().sources().get("file").create(SourceConfig.of(file.toString()));
  }
}
