package dev.phalanx.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SecretValue")
class SecretValueTest {

  private static final String CANARY = "canary-7f3a9c-do-not-print";

  @Test
  @DisplayName("never prints its content, alone or inside collections and records")
  void redacted() {
    SecretValue value = SecretValue.of(CANARY);
    assertThat(value.toString()).isEqualTo("SecretValue[redacted]").doesNotContain(CANARY);
    assertThat(List.of(value).toString()).doesNotContain(CANARY);
    assertThat(Map.of("k", value).toString()).doesNotContain(CANARY);
    record Holder(String name, SecretValue value) {}
    assertThat(new Holder("x", value).toString()).doesNotContain(CANARY);
    assertThat(String.valueOf(value)).doesNotContain(CANARY);
  }

  @Test
  @DisplayName("compares by content")
  void equality() {
    assertThat(SecretValue.of("abc")).isEqualTo(SecretValue.of("abc"));
    assertThat(SecretValue.of("abc")).isNotEqualTo(SecretValue.of("abd"));
    assertThat(SecretValue.of("abc")).isNotEqualTo(SecretValue.of("abcd"));
    assertThat(SecretValue.of("")).isEqualTo(SecretValue.ofUtf8(new byte[0]));
    assertThat(SecretValue.of("abc")).hasSameHashCodeAs(SecretValue.of("xyz"));
  }

  @Test
  @DisplayName("reveals exactly what it was given, including non-ASCII text")
  void roundTrip() {
    String text = "pässwörd \uD83D\uDD11 \u0000 end";
    SecretValue value = SecretValue.of(text);
    assertThat(value.reveal()).isEqualTo(text);
    assertThat(value.utf8Length()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    assertThat(SecretValue.ofUtf8(value.revealUtf8())).isEqualTo(value);
  }

  @Test
  @DisplayName("cannot be changed through the arrays it was built from or revealed into")
  void defensiveCopies() {
    byte[] bytes = "secret".getBytes(StandardCharsets.UTF_8);
    SecretValue value = SecretValue.ofUtf8(bytes);
    bytes[0] = 'X';
    byte[] revealed = value.revealUtf8();
    SecretValue.wipe(revealed);
    assertThat(value.reveal()).isEqualTo("secret");
  }
}
