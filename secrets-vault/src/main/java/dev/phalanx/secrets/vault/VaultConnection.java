package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.authentication.SessionManager;
import dev.phalanx.secrets.vault.client.VaultClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A checked configuration with its authenticated client; shared by the store and credentials. */
final class VaultConnection implements AutoCloseable {

  final VaultConfig config;
  final VaultClient client;
  final Clock clock;

  private VaultConnection(VaultConfig config, VaultClient client, Clock clock) {
    this.config = config;
    this.client = client;
    this.clock = clock;
  }

  /** No request is sent here: login happens on the first request. */
  static VaultConnection open(
      StoreConfig storeConfig, Function<String, @Nullable String> env, Path home, Clock clock) {
    VaultConfig config = VaultConfig.from(storeConfig, env, home);
    VaultClient raw = VaultClient.create(config.client());
    SessionManager session =
        new SessionManager(config.authentication(), raw, clock, config.tokenRenewal());
    return new VaultConnection(config, raw.withTokens(session), clock);
  }

  Kv2Accessor accessor(Kv2Paths paths) {
    return new Kv2Accessor(client, paths, config.concurrency(), clock);
  }

  String describe() {
    return "vault " + client.options().address() + " " + config.paths().prefix();
  }

  @Override
  public void close() {
    client.close();
  }

  static Function<String, @Nullable String> systemEnv() {
    return System::getenv;
  }

  static Path userHome() {
    return Path.of(System.getProperty("user.home", "."));
  }
}
