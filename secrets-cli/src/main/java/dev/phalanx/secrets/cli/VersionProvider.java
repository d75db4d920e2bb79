package dev.phalanx.secrets.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the release (the jar manifest's {@code Implementation-Version}, else the
 * build's {@code build-info.properties}), the git commit it was built from (when the build had a
 * git checkout) and the Java runtime.
 */
final class VersionProvider implements IVersionProvider {

  /** The resource the build writes (see {@link BuildInfo}). */
  static final String BUILD_INFO = "/dev/phalanx/secrets/cli/build-info.properties";

  @Override
  public String[] getVersion() {
    Properties info = buildInfo();
    String commit = info.getProperty("commit", "");
    return new String[] {
      "phalanx-secrets " + version(),
      "commit " + (commit.isBlank() ? "unknown (built without git)" : commit),
      "Java "
          + System.getProperty("java.runtime.version", Runtime.version().toString())
          + " ("
          + System.getProperty("java.vendor", "unknown vendor")
          + ", "
          + System.getProperty("java.home")
          + ")"
    };
  }

  /** The release version, or {@code (development build)} when nothing records it. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    if (version == null || version.isBlank()) {
      version = buildInfo().getProperty("version");
    }
    return version == null || version.isBlank() ? "(development build)" : version;
  }

  static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(BUILD_INFO)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
