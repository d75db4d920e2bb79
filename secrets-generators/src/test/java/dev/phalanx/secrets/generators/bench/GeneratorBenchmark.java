package dev.phalanx.secrets.generators.bench;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values per second for each generator type, through the public SPI. Not a test: run {@link #main}
 * by hand (see BENCHMARKS.md). Each case is warmed up for half the budget (at least three values),
 * then run for about {@code seconds} seconds (default 2) and at least a minimum number of times (20
 * for RSA, whose key generation time varies widely; 5 for bcrypt cost 15).
 */
public final class GeneratorBenchmark {

  private GeneratorBenchmark() {}

  private record Case(String label, String type, GenerationContext context, int minIterations) {}

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args optional: seconds per case
   */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    SecureRandom random = new SecureRandom();
    Providers providers = Providers.load();
    SecretValue ecKey =
        providers
            .find("ec-private-key")
            .orElseThrow()
            .generate(TestGenerationContext.builder().build());
    SecretValue rsaKey =
        providers
            .find("rsa-private-key")
            .orElseThrow()
            .generate(TestGenerationContext.builder().build());
    SecretValue caCert =
        providers
            .find("x509-certificate")
            .orElseThrow()
            .generate(
                TestGenerationContext.builder()
                    .source(ecKey)
                    .option("commonName", "Bench CA")
                    .option("ca", true)
                    .build());
    List<OidcClient> clients = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clients.add(
          new OidcClient(
              "client-" + i, "id-" + i, SecretValue.of("secret-" + i), "https://x/" + i));
    }
    List<Case> cases =
        List.of(
            new Case("password", "password", ctx(random).build(), 1),
            new Case("gafaelfawr-token", "gafaelfawr-token", ctx(random).build(), 1),
            new Case("fernet-key", "fernet-key", ctx(random).build(), 1),
            new Case("mtime", "mtime", ctx(random).source("pw").build(), 1),
            new Case(
                "oidc-clients (10 clients)",
                "oidc-clients",
                ctx(random).oidcClients(clients).build(),
                1),
            new Case("ec-private-key (P-256)", "ec-private-key", ctx(random).build(), 1),
            new Case("rsa-private-key (2048)", "rsa-private-key", ctx(random).build(), 20),
            new Case(
                "x509-certificate (EC, self-signed)",
                "x509-certificate",
                ctx(random).source(ecKey).option("commonName", "bench.example.com").build(),
                1),
            new Case(
                "x509-certificate (RSA, self-signed)",
                "x509-certificate",
                ctx(random).source(rsaKey).option("commonName", "bench.example.com").build(),
                1),
            new Case(
                "x509-certificate (EC leaf, EC CA)",
                "x509-certificate",
                ctx(random)
                    .source(ecKey)
                    .option("commonName", "leaf.example.com")
                    .option("dnsNames", List.of("leaf.example.com"))
                    .option("issuer", Map.of("certificate", "ca.crt", "privateKey", "ca.key"))
                    .dependency("ca.crt", caCert)
                    .dependency("ca.key", ecKey)
                    .build(),
                1),
            bcrypt(random, 10),
            bcrypt(random, 12),
            bcrypt(random, 15));
    System.out.println("| type | values/s | ms/value | iterations |");
    System.out.println("|---|---:|---:|---:|");
    for (Case c : cases) {
      SecretGenerator generator = providers.find(c.type()).orElseThrow();
      // Warm-up: half the time budget, at least three values (the JIT needs them for bcrypt).
      run(generator, c.context(), seconds / 2, 3);
      long[] result = run(generator, c.context(), seconds, c.minIterations());
      double elapsed = result[1] / 1e9;
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.3f | %d |%n",
          c.label(),
          format(result[0] / elapsed),
          elapsed * 1000 / result[0],
          result[0]);
    }
  }

  private static Case bcrypt(SecureRandom random, int cost) {
    return new Case(
        "bcrypt-password-hash (cost " + cost + (cost == 15 ? ", default" : "") + ")",
        "bcrypt-password-hash",
        ctx(random).source("correct horse battery staple").option("cost", cost).build(),
        cost == 15 ? 5 : 3);
  }

  private static TestGenerationContext.Builder ctx(SecureRandom random) {
    return TestGenerationContext.builder().random(random);
  }

  private static String format(double perSecond) {
    return perSecond >= 100
        ? String.format(Locale.ROOT, "%,.0f", perSecond)
        : String.format(Locale.ROOT, "%.2f", perSecond);
  }

  /** Returns {iterations, nanoseconds}. */
  private static long[] run(
      SecretGenerator generator, GenerationContext context, double seconds, int minIterations) {
    long budget = (long) (seconds * 1e9);
    long start = System.nanoTime();
    long iterations = 0;
    int sink = 0;
    while (iterations < minIterations || System.nanoTime() - start < budget) {
      sink += generator.generate(context).utf8Length();
      iterations++;
    }
    long elapsed = System.nanoTime() - start;
    if (sink == 42) {
      System.out.print("");
    }
    return new long[] {iterations, elapsed};
  }
}
