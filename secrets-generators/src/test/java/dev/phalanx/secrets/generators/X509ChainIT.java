package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A chain made by the generators verifies with OpenSSL. */
class X509ChainIT {

  @TempDir Path dir;

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() + ":" + new String(out, StandardCharsets.UTF_8).strip();
  }

  private static boolean opensslAvailable() {
    try {
      return run(List.of("openssl", "version")).startsWith("0:");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @ParameterizedTest
  @CsvSource({"ec,ec", "rsa,rsa", "ec,rsa"})
  void opensslVerifiesTheChain(String caKeyType, String leafKeyType) throws Exception {
    assumeTrue(opensslAvailable(), "openssl is not on PATH");
    // Now, so that OpenSSL's own clock sees a valid chain.
    CertificateChain chain = CertificateChain.create(caKeyType, leafKeyType, Instant.now());
    Path ca = dir.resolve("ca.pem");
    Path leaf = dir.resolve("leaf.pem");
    Files.writeString(ca, chain.caCert().reveal());
    Files.writeString(leaf, chain.leafCert().reveal());
    List<String> verify = new ArrayList<>(List.of("openssl", "verify", "-CAfile", ca.toString()));
    verify.addAll(List.of("-purpose", "sslserver", leaf.toString()));
    assertThat(run(verify)).isEqualTo("0:" + leaf + ": OK");
    assertThat(run(List.of("openssl", "verify", "-CAfile", ca.toString(), leaf.toString())))
        .isEqualTo("0:" + leaf + ": OK");
    // The keys are readable by OpenSSL too.
    Path key = dir.resolve("leaf.key");
    Files.writeString(key, chain.leafKey().reveal());
    assertThat(run(List.of("openssl", "pkey", "-in", key.toString(), "-noout"))).startsWith("0:");
    // A certificate from an unrelated CA does not verify.
    CertificateChain other = CertificateChain.create(caKeyType, leafKeyType, Instant.now());
    Files.writeString(leaf, other.leafCert().reveal());
    assertThat(run(List.of("openssl", "verify", "-CAfile", ca.toString(), leaf.toString())))
        .doesNotStartWith("0:");
  }

  @Test
  void foreignOpensslCaAndTraditionalKeysWork() throws Exception {
    assumeTrue(opensslAvailable(), "openssl is not on PATH");
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.pem");
    Path leafKey = dir.resolve("leaf.key");
    Path leaf = dir.resolve("leaf.pem");
    // A CA made by OpenSSL (its SKI computed by OpenSSL), a leaf key in SEC 1 "EC PRIVATE KEY".
    assertThat(
            run(
                List.of(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-keyout",
                    caKey.toString(),
                    "-out",
                    ca.toString(),
                    "-days",
                    "30",
                    "-subj",
                    "/CN=OpenSSL CA/O=Elsewhere")))
        .startsWith("0:");
    assertThat(
            run(
                List.of(
                    "openssl",
                    "ecparam",
                    "-name",
                    "prime256v1",
                    "-genkey",
                    "-noout",
                    "-out",
                    leafKey.toString())))
        .startsWith("0:");
    assertThat(Files.readString(leafKey)).contains("BEGIN EC PRIVATE KEY");
    var leafContext =
        TestGenerationContext.builder()
            .now(Instant.now())
            .source(SecretValue.of(Files.readString(leafKey)))
            .option("commonName", "svc.example.org")
            .option("dnsNames", List.of("svc.example.org"))
            .option("issuer", CertificateChain.ISSUER)
            .dependency("ca.crt", SecretValue.of(Files.readString(ca)))
            .dependency("ca.key", SecretValue.of(Files.readString(caKey)))
            .build();
    var generator = new X509CertificateGenerator();
    var cert = generator.generate(leafContext);
    Files.writeString(leaf, cert.reveal());
    assertThat(
            run(
                List.of(
                    "openssl",
                    "verify",
                    "-CAfile",
                    ca.toString(),
                    "-purpose",
                    "sslserver",
                    leaf.toString())))
        .isEqualTo("0:" + leaf + ": OK");
    assertThat(generator.checkStale(cert, leafContext).stale()).isFalse();
    // OpenSSL agrees that the certificate belongs to the key.
    String certKey = run(List.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-pubkey"));
    String ownKey = run(List.of("openssl", "pkey", "-in", leafKey.toString(), "-pubout"));
    assertThat(certKey).isEqualTo(ownKey);
  }
}
