package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimpleFormatsTest {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TOKEN =
      Pattern.compile("gt-([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{22})");
  private static final Pattern FERNET = Pattern.compile("[A-Za-z0-9_-]{43}=");
  private static final Pattern MTIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  @Test
  void passwordIs64LowercaseHexCharactersOf32Bytes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String value =
          new PasswordGenerator().generate(TestGenerationContext.builder().build()).reveal();
      assertThat(value).matches(HEX64);
      seen.add(value);
    }
    assertThat(seen).hasSize(50);
    assertThat(new PasswordGenerator().sourcePolicy()).isEqualTo(SourcePolicy.FORBIDDEN);
  }

  @Test
  void passwordUsesExactlyTheContextRandomBytes() {
    byte[] expected = new byte[32];
    TestGenerationContext.seeded(7).nextBytes(expected);
    String value =
        new PasswordGenerator()
            .generate(
                TestGenerationContext.builder().random(TestGenerationContext.seeded(7)).build())
            .reveal();
    assertThat(value).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void gafaelfawrTokenHasTwoUrlSafeUnpaddedParts() {
    String value =
        new GafaelfawrTokenGenerator().generate(TestGenerationContext.builder().build()).reveal();
    var m = TOKEN.matcher(value);
    assertThat(m.matches()).as("token shape").isTrue();
    assertThat(Base64.getUrlDecoder().decode(m.group(1))).hasSize(16);
    assertThat(Base64.getUrlDecoder().decode(m.group(2))).hasSize(16);
    assertThat(m.group(1)).isNotEqualTo(m.group(2));
    assertThat(new GafaelfawrTokenGenerator().sourcePolicy()).isEqualTo(SourcePolicy.FORBIDDEN);
  }

  @Test
  void fernetKeyIsPaddedUrlSafeBase64Of32Bytes() {
    for (int i = 0; i < 50; i++) {
      String value =
          new FernetKeyGenerator().generate(TestGenerationContext.builder().build()).reveal();
      assertThat(value).hasSize(44).matches(FERNET);
      assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
    }
    assertThat(new FernetKeyGenerator().sourcePolicy()).isEqualTo(SourcePolicy.FORBIDDEN);
  }

  @Test
  void mtimeIsTheClockInUtcToTheSecond() {
    String value =
        new MtimeGenerator()
            .generate(
                TestGenerationContext.builder().source("pw").now(TestGenerationContext.NOW).build())
            .reveal();
    assertThat(value).matches(MTIME).isEqualTo("2026-03-14T15:09:26Z");
    String midnight =
        new MtimeGenerator()
            .generate(
                TestGenerationContext.builder()
                    .source("pw")
                    .now(Instant.parse("2030-01-02T00:00:00Z"))
                    .build())
            .reveal();
    assertThat(midnight).isEqualTo("2030-01-02T00:00:00Z");
    assertThat(new MtimeGenerator().sourcePolicy()).isEqualTo(SourcePolicy.REQUIRED);
  }

  @Test
  void mtimeWithoutSourceNamesTheSecret() {
    assertThatThrownBy(
            () ->
                new MtimeGenerator()
                    .generate(TestGenerationContext.builder().target("gafaelfawr", "t").build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("gafaelfawr/t")
        .hasMessageContaining("no source");
  }

  @Test
  void simpleTypesHaveNoOptionsAndAreNeverStale() {
    SecretValue anything = SecretValue.of("x");
    for (var generator :
        List.of(
            new PasswordGenerator(),
            new GafaelfawrTokenGenerator(),
            new FernetKeyGenerator(),
            new RsaPrivateKeyGenerator(),
            new EcPrivateKeyGenerator(),
            new MtimeGenerator(),
            new OidcClientsGenerator())) {
      assertThat(generator.options()).as(generator.type()).isEmpty();
      assertThat(
              generator
                  .checkStale(anything, TestGenerationContext.builder().source("s").build())
                  .stale())
          .as(generator.type())
          .isFalse();
      assertThat(generator.derivedFromStaticInput())
          .as(generator.type())
          .isEqualTo(generator.type().equals("oidc-clients"));
      assertThat(generator.refreshedWithSourceSiblings())
          .as(generator.type())
          .isEqualTo(generator.type().equals("mtime"));
    }
  }
}
