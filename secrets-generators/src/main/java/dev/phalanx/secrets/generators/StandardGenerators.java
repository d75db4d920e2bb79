package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import java.util.List;

/**
 * The standard generator types and their {@link java.util.ServiceLoader} providers, registered in
 * {@code META-INF/services/dev.phalanx.secrets.spi.SecretGeneratorProvider}. Look generators up
 * through {@link dev.phalanx.secrets.providers.Providers#find(String)}; the nested provider classes
 * are public only because ServiceLoader needs them to be.
 *
 * <p>Every provider has a no-argument constructor, does no I/O and creates a stateless, thread-safe
 * generator.
 */
public final class StandardGenerators {

  /** The type names of the standard generators, sorted. */
  public static final List<String> TYPES =
      List.of(
          BcryptPasswordHashGenerator.TYPE,
          EcPrivateKeyGenerator.TYPE,
          FernetKeyGenerator.TYPE,
          GafaelfawrTokenGenerator.TYPE,
          MtimeGenerator.TYPE,
          OidcClientsGenerator.TYPE,
          PasswordGenerator.TYPE,
          RsaPrivateKeyGenerator.TYPE,
          X509CertificateGenerator.TYPE);

  private StandardGenerators() {}

  /** Provides {@code password}. */
  public static final class Password implements SecretGeneratorProvider {
    /** Creates the provider. */
    public Password() {}

    @Override
    public String type() {
      return PasswordGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new PasswordGenerator();
    }
  }

  /** Provides {@code gafaelfawr-token}. */
  public static final class GafaelfawrToken implements SecretGeneratorProvider {
    /** Creates the provider. */
    public GafaelfawrToken() {}

    @Override
    public String type() {
      return GafaelfawrTokenGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new GafaelfawrTokenGenerator();
    }
  }

  /** Provides {@code fernet-key}. */
  public static final class FernetKey implements SecretGeneratorProvider {
    /** Creates the provider. */
    public FernetKey() {}

    @Override
    public String type() {
      return FernetKeyGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new FernetKeyGenerator();
    }
  }

  /** Provides {@code rsa-private-key}. */
  public static final class RsaPrivateKey implements SecretGeneratorProvider {
    /** Creates the provider. */
    public RsaPrivateKey() {}

    @Override
    public String type() {
      return RsaPrivateKeyGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new RsaPrivateKeyGenerator();
    }
  }

  /** Provides {@code ec-private-key}. */
  public static final class EcPrivateKey implements SecretGeneratorProvider {
    /** Creates the provider. */
    public EcPrivateKey() {}

    @Override
    public String type() {
      return EcPrivateKeyGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new EcPrivateKeyGenerator();
    }
  }

  /** Provides {@code bcrypt-password-hash}. */
  public static final class BcryptPasswordHash implements SecretGeneratorProvider {
    /** Creates the provider. */
    public BcryptPasswordHash() {}

    @Override
    public String type() {
      return BcryptPasswordHashGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new BcryptPasswordHashGenerator();
    }
  }

  /** Provides {@code mtime}. */
  public static final class Mtime implements SecretGeneratorProvider {
    /** Creates the provider. */
    public Mtime() {}

    @Override
    public String type() {
      return MtimeGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new MtimeGenerator();
    }
  }

  /** Provides {@code oidc-clients}. */
  public static final class OidcClients implements SecretGeneratorProvider {
    /** Creates the provider. */
    public OidcClients() {}

    @Override
    public String type() {
      return OidcClientsGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new OidcClientsGenerator();
    }
  }

  /** Provides {@code x509-certificate}. */
  public static final class X509Certificate implements SecretGeneratorProvider {
    /** Creates the provider. */
    public X509Certificate() {}

    @Override
    public String type() {
      return X509CertificateGenerator.TYPE;
    }

    @Override
    public SecretGenerator create() {
      return new X509CertificateGenerator();
    }
  }
}
