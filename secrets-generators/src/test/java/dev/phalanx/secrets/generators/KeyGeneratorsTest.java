package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;

class KeyGeneratorsTest {

  /** The PEM body lines (without the armour), after checking the armour and line lengths. */
  static byte[] checkPkcs8Pem(String pem) {
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    List<String> lines = pem.lines().toList();
    List<String> body = lines.subList(1, lines.size() - 1);
    for (int i = 0; i < body.size(); i++) {
      if (i < body.size() - 1) {
        assertThat(body.get(i)).hasSize(64);
      } else {
        assertThat(body.get(i).length()).isBetween(1, 64);
      }
    }
    assertThat(pem).doesNotContain("\r");
    return Base64.getDecoder().decode(String.join("", body));
  }

  @Test
  void rsaKeyIs2048BitPkcs8WithExponent65537() throws Exception {
    String pem =
        new RsaPrivateKeyGenerator().generate(TestGenerationContext.builder().build()).reveal();
    byte[] der = checkPkcs8Pem(pem);
    RSAPrivateCrtKey key =
        (RSAPrivateCrtKey)
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(key.getPrimeP().multiply(key.getPrimeQ())).isEqualTo(key.getModulus());
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      assertThat(parser.readObject()).isInstanceOf(PrivateKeyInfo.class);
    }
  }

  @Test
  void ecKeyIsP256Pkcs8WithPublicPointLikeOpenSsl() throws Exception {
    String pem =
        new EcPrivateKeyGenerator().generate(TestGenerationContext.builder().build()).reveal();
    byte[] der = checkPkcs8Pem(pem);
    ECPrivateKey key =
        (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    var p256 = AlgorithmParameters.getInstance("EC");
    p256.init(new ECGenParameterSpec("secp256r1"));
    assertThat(key.getParams().getCurve())
        .isEqualTo(p256.getParameterSpec(ECParameterSpec.class).getCurve());
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      PrivateKeyInfo info = (PrivateKeyInfo) parser.readObject();
      assertThat(info.getPrivateKeyAlgorithm().getParameters())
          .isEqualTo(SECObjectIdentifiers.secp256r1);
      var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      assertThat(sec1.getKey()).isEqualTo(key.getS());
      assertThat(sec1.getPublicKey()).as("public point present").isNotNull();
      assertThat(sec1.getParametersObject()).as("curve only in the algorithm id").isNull();
    }
    // The embedded point is the one derived from the scalar.
    var derived = (ECPublicKey) Keys.publicKeyOf(key).orElseThrow();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      PrivateKeyInfo info = (PrivateKeyInfo) parser.readObject();
      byte[] point =
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey())
              .getPublicKey()
              .getOctets();
      assertThat(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)))
          .isEqualTo(derived.getW().getAffineX());
    }
  }

  @Test
  void keysParseBackAndDeriveTheirPublicKeys() throws Exception {
    for (var generator : List.of(new RsaPrivateKeyGenerator(), new EcPrivateKeyGenerator())) {
      var pem = generator.generate(TestGenerationContext.builder().build());
      var key = Keys.parsePrivateKey(pem);
      assertThat(key).as(generator.type()).isPresent();
      assertThat(Keys.publicKeyOf(key.get())).as(generator.type()).isPresent();
    }
  }

  @Test
  void traditionalPemFormatsAreReadToo() throws Exception {
    // PKCS#1 "RSA PRIVATE KEY" and SEC 1 "EC PRIVATE KEY", as older tools write them.
    for (var generator : List.of(new RsaPrivateKeyGenerator(), new EcPrivateKeyGenerator())) {
      var pem = generator.generate(TestGenerationContext.builder().build());
      PrivateKeyInfo info;
      try (PEMParser parser = new PEMParser(new StringReader(pem.reveal()))) {
        info = (PrivateKeyInfo) parser.readObject();
      }
      String label = generator.type().startsWith("rsa") ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
      byte[] inner = info.parsePrivateKey().toASN1Primitive().getEncoded();
      if (label.startsWith("EC")) {
        // SEC 1 files carry the curve themselves: [0] namedCurve.
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(inner);
        inner =
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                    256, sec1.getKey(), sec1.getPublicKey(), SECObjectIdentifiers.secp256r1)
                .getEncoded();
      }
      String traditional = Pem.encode(label, inner);
      var parsed = Keys.parsePrivateKey(SecretValue.of(traditional));
      assertThat(parsed).as(label).isPresent();
      assertThat(parsed.get().getEncoded()).isNotEmpty();
    }
  }

  @Test
  void garbageIsNotAKey() {
    assertThat(Keys.parsePrivateKey(SecretValue.of("not a key"))).isEmpty();
    assertThat(
            Keys.parsePrivateKey(
                SecretValue.of("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")))
        .isEmpty();
  }
}
