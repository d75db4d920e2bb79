package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/** Builds the {@link SSLContext}: the JDK default, or one trusting only a PEM CA bundle. */
final class TlsSupport {

  private TlsSupport() {}

  static SSLContext sslContext(@Nullable Path caBundle) {
    try {
      if (caBundle == null) {
        return SSLContext.getDefault();
      }
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(caBundle)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new StoreException("CA bundle " + caBundle + " holds no PEM certificate");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new StoreException("cannot read the CA bundle " + caBundle + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new StoreException(
          "cannot use the CA bundle " + caBundle + " (PEM certificates expected): " + e, e);
    }
  }
}
