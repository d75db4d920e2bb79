package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratorOptions;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BcryptPasswordHashGeneratorTest {

  private final BcryptPasswordHashGenerator generator = new BcryptPasswordHashGenerator();

  private SecretValue hash(String source, int cost) {
    return generator.generate(
        TestGenerationContext.builder().source(source).option("cost", cost).build());
  }

  @Test
  void defaultIs2bWithCost15AndVerifiesWithAnotherImplementation() {
    String hash =
        generator.generate(TestGenerationContext.builder().source("hunter2").build()).reveal();
    assertThat(hash).startsWith("$2b$15$").hasSize(60);
    assertThat(
            BCrypt.verifyer()
                .verify(
                    "hunter2".getBytes(StandardCharsets.UTF_8),
                    hash.getBytes(StandardCharsets.UTF_8))
                .verified)
        .isTrue();
  }

  @Test
  void costOptionIsHonouredAndVerifiedIndependently() {
    String source = "p\u00e4ssw\u00f6rd \u2603";
    String hash = hash(source, 5).reveal();
    assertThat(hash).startsWith("$2b$05$");
    var result =
        BCrypt.verifyer()
            .verify(source.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
    assertThat(result.verified).isTrue();
    assertThat(result.details.cost).isEqualTo(5);
    assertThat(
            BCrypt.verifyer()
                .verify(
                    "other".getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
                .verified)
        .isFalse();
  }

  /** Hashes made by Python's bcrypt 5.0.0 ({@code bcrypt.hashpw(pw, bcrypt.gensalt(rounds))}). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "correct horse battery staple|$2b$04$pG2aBofKsb./9dS0U5k/4OfRlj5EEH7hILNe9vnyhKhgLz4xwLw4O",
        "p\u00e4ssw\u00f6rd \u2603|$2b$05$P9YbMfE8oYIyTGJHvzwGjO7AX0T0mdFCTqkqD.z5B/nfBL400/2aq",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|$2b$04$VTWsKeymKjSuus6eOOqi..dcCBMookKiD..DhWh0IxbL4j0QHOLee",
        "hunter2|$2b$10$qED2C2J9H3/B/cYWGGOGTuoCuUVA7e0g/HutM.VRIyURxhBwgUqze",
      })
  void pythonHashesVerifyInJavaAndAreFresh(String source, String pythonHash) {
    assertThat(OpenBSDBCrypt.checkPassword(pythonHash, source.getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    Staleness verdict =
        generator.checkStale(
            SecretValue.of(pythonHash), TestGenerationContext.builder().source(source).build());
    assertThat(verdict.stale()).isFalse();
    Staleness changed =
        generator.checkStale(
            SecretValue.of(pythonHash),
            TestGenerationContext.builder().source(source + "!").build());
    assertThat(changed.stale()).isTrue();
  }

  @Test
  void pythonEmptyPasswordHashVerifies() {
    String pythonHash = "$2b$04$IE/f3sUbbp66.m8lOuBYm.hJDr8CxklFOqmXwYTbU.g.9MlHHtmgu";
    assertThat(
            generator
                .checkStale(
                    SecretValue.of(pythonHash), TestGenerationContext.builder().source("").build())
                .stale())
        .isFalse();
  }

  @Test
  void javaHashesVerifyInPythonBcrypt() {
    String missing = PythonSupport.missingModule("bcrypt");
    assertThat(missing).as("python bcrypt in the build's environment").isNull();
    List<String> sources =
        List.of("hunter2", "p\u00e4ssw\u00f6rd \u2603\uD83D\uDE00", "x".repeat(72), "");
    StringBuilder stdin = new StringBuilder();
    for (String source : sources) {
      String hash = hash(source, 4).reveal();
      stdin
          .append(java.util.HexFormat.of().formatHex(source.getBytes(StandardCharsets.UTF_8)))
          .append(' ')
          .append(hash)
          .append('\n');
    }
    String script =
        "import sys, bcrypt\n"
            + "for line in sys.stdin.read().splitlines():\n"
            + "    pw, h = line.split(' ')\n"
            + "    print(bcrypt.checkpw(bytes.fromhex(pw), h.encode()))\n";
    PythonSupport.Result result =
        PythonSupport.run(script, stdin.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().lines().toList()).containsExactly("True", "True", "True", "True");
  }

  @Test
  void seventyTwoBytesAreAcceptedSeventyThreeRefused() {
    assertThat(hash("a".repeat(72), 4).reveal()).startsWith("$2b$04$");
    String tooLong = "b".repeat(73);
    assertThatThrownBy(() -> hash(tooLong, 4))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("app/key")
        .hasMessageContaining("72")
        .hasMessageNotContaining(tooLong);
  }

  @Test
  void limitCountsUtf8BytesNotCharacters() {
    // 24 x U+20AC (3 bytes each) = 72 bytes: accepted; one more "a" is 73 bytes: refused.
    String euros = "\u20ac".repeat(24);
    assertThat(hash(euros, 4).reveal()).startsWith("$2b$04$");
    String secret = "sekrit-" + "\u00e9".repeat(33); // 7 + 66 = 73 bytes, 40 characters
    assertThat(secret.length()).isLessThan(72);
    assertThatThrownBy(
            () ->
                generator.generate(
                    TestGenerationContext.builder()
                        .target("argocd", "admin.passwordHash")
                        .source(secret)
                        .option("cost", 4)
                        .build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("argocd/admin.passwordHash")
        .hasMessageNotContaining(secret)
        .hasMessageNotContaining("sekrit");
  }

  @Test
  void staleWhenNotABcryptHash() {
    Staleness verdict =
        generator.checkStale(
            SecretValue.of("plain-text"), TestGenerationContext.builder().source("pw").build());
    assertThat(verdict.stale()).isTrue();
    assertThat(verdict.reason())
        .isEqualTo("stored value is not a bcrypt hash")
        .doesNotContain("plain-text");
  }

  @Test
  void staleWhenSourceChanged() {
    SecretValue hash = hash("old", 4);
    assertThat(
            generator
                .checkStale(hash, TestGenerationContext.builder().source("old").build())
                .stale())
        .isFalse();
    Staleness verdict =
        generator.checkStale(hash, TestGenerationContext.builder().source("new").build());
    assertThat(verdict.stale()).isTrue();
    assertThat(verdict.reason()).isEqualTo("hash does not match its source");
  }

  @Test
  void staleWhenSourceBecameTooLong() {
    SecretValue hash = hash("x".repeat(72), 4);
    Staleness verdict =
        generator.checkStale(hash, TestGenerationContext.builder().source("x".repeat(73)).build());
    assertThat(verdict.stale()).isTrue();
  }

  @Test
  void saltComesFromTheContextRandom() {
    SecretValue a =
        generator.generate(
            TestGenerationContext.builder()
                .source("pw")
                .option("cost", 4)
                .random(TestGenerationContext.seeded(5))
                .build());
    SecretValue b =
        generator.generate(TestGenerationContext.builder().source("pw").option("cost", 4).build());
    assertThat(a.equals(b)).isFalse();
  }

  @Test
  void declaresItsCostOptionAndValidatesTheRange() {
    assertThat(generator.sourcePolicy()).isEqualTo(SourcePolicy.REQUIRED);
    assertThat(generator.options())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.name()).isEqualTo("cost");
              assertThat(o.type()).isEqualTo(GeneratorOption.Type.INTEGER);
              assertThat(o.required()).isFalse();
              // The declared default is the cost a hash without the option gets ($2b$15$...).
              assertThat(o.defaultValue()).isEqualTo(15L);
            });
    assertThat(generator.validate(GeneratorOptions.of(Map.of("cost", 4)))).isEmpty();
    assertThat(generator.validate(GeneratorOptions.of(Map.of("cost", 31)))).isEmpty();
    assertThat(generator.validate(GeneratorOptions.of(Map.of("cost", 3))))
        .singleElement()
        .asString()
        .contains("cost");
    assertThat(generator.validate(GeneratorOptions.of(Map.of("cost", 32)))).hasSize(1);
    assertThat(generator.validate(GeneratorOptions.empty())).isEmpty();
    assertThatThrownBy(() -> hash("pw", 3))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("cost");
  }

  @Test
  void noSourceIsAClearError() {
    assertThatThrownBy(() -> generator.generate(TestGenerationContext.builder().build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("app/key");
  }
}
