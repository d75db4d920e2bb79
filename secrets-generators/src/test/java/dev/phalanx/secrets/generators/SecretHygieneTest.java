package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets never show up in toString, exception messages, stack traces or stale reasons. */
class SecretHygieneTest {

  private static final String CANARY = "CANARY-7f3a9c-do-not-print";

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void generatedValuesAndContextsDoNotPrint() {
    Providers providers = Providers.load();
    for (String type : List.of("password", "gafaelfawr-token", "fernet-key", "oidc-clients")) {
      SecretGenerator generator = providers.find(type).orElseThrow();
      SecretValue value = generator.generate(TestGenerationContext.builder().build());
      assertThat(value.toString()).isEqualTo("SecretValue[redacted]");
      assertThat(generator.toString()).doesNotContain(value.reveal());
    }
    OidcClient client = new OidcClient("c", "id", SecretValue.of(CANARY), "https://x/");
    assertThat(client.toString()).doesNotContain(CANARY);
  }

  @Test
  void failurePathsNeverMentionTheSource() {
    List<Throwable> failures = new ArrayList<>();
    String longCanary = CANARY.repeat(4); // 104 bytes: too long for bcrypt
    GenerationContext bcrypt =
        TestGenerationContext.builder().source(longCanary).option("cost", 4).build();
    failures.add(catchThrowable(() -> new BcryptPasswordHashGenerator().generate(bcrypt)));
    GenerationContext cert =
        TestGenerationContext.builder().source(CANARY).option("commonName", "example.com").build();
    failures.add(catchThrowable(() -> new X509CertificateGenerator().generate(cert)));
    String fakePem = "-----BEGIN PRIVATE KEY-----\n" + CANARY + "\n-----END PRIVATE KEY-----\n";
    GenerationContext pem =
        TestGenerationContext.builder().source(fakePem).option("commonName", "example.com").build();
    failures.add(catchThrowable(() -> new X509CertificateGenerator().generate(pem)));
    SecretValue key = CertificateChain.key("ec");
    GenerationContext badIssuer =
        TestGenerationContext.builder()
            .source(key)
            .option("commonName", "example.com")
            .option("issuer", CertificateChain.ISSUER)
            .dependency("ca.crt", SecretValue.of(CANARY))
            .dependency("ca.key", SecretValue.of(fakePem))
            .build();
    failures.add(catchThrowable(() -> new X509CertificateGenerator().generate(badIssuer)));
    assertThat(failures).allSatisfy(t -> assertThat(t).isNotNull());
    for (Throwable t : failures) {
      assertThat(everything(t)).doesNotContain(CANARY);
    }
  }

  @Test
  void staleReasonsNeverMentionValues() {
    List<String> reasons = new ArrayList<>();
    reasons.add(
        new BcryptPasswordHashGenerator()
            .checkStale(
                SecretValue.of(CANARY), TestGenerationContext.builder().source(CANARY).build())
            .reason());
    reasons.add(
        new BcryptPasswordHashGenerator()
            .checkStale(
                SecretValue.of("$2b$04$" + CANARY),
                TestGenerationContext.builder().source(CANARY).build())
            .reason());
    reasons.add(
        new X509CertificateGenerator()
            .checkStale(
                SecretValue.of(CANARY),
                TestGenerationContext.builder().source(CANARY).option("commonName", "x").build())
            .reason());
    assertThat(reasons).doesNotContainNull().allSatisfy(r -> assertThat(r).doesNotContain(CANARY));
  }
}
