package dev.phalanx.secrets.testkit.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

@DisplayName("Finding the bao binary")
class OpenBaoExtensionTest {

  @AfterEach
  void clear() {
    System.clearProperty(OpenBaoExtension.BINARY_PROPERTY);
  }

  @Test
  @DisplayName("an explicit path that is not executable is a clear error")
  void notExecutable() {
    System.setProperty(OpenBaoExtension.BINARY_PROPERTY, "/nonexistent/bao");
    assertThatThrownBy(OpenBaoExtension::binary)
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("/nonexistent/bao")
        .hasMessageContaining("not an executable file");
  }

  @Test
  @DisplayName("an explicit executable is used as is")
  void explicit() {
    System.setProperty(OpenBaoExtension.BINARY_PROPERTY, "/bin/sh");
    assertThat(OpenBaoExtension.binary()).isEqualTo(Path.of("/bin/sh"));
  }

  @Test
  @DisplayName("JSON strings are escaped")
  void jsonString() {
    assertThat(OpenBaoServer.jsonString("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
  }
}
