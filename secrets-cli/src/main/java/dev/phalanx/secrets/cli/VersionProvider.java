package dev.phalanx.secrets.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"phalanx-secrets " + (version == null ? "(development build)" : version)};
  }
}
