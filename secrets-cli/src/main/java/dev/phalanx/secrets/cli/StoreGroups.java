package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoreGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet commands' stores: one {@link StoreGroup} per store type, made on first use, so that
 * environments on one Vault server share its connections and token session. Closed after the last
 * environment's store.
 */
final class StoreGroups implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoreGroups.class);

  private final Map<String, StoreGroup> groups = new LinkedHashMap<>();

  /** Creates a store in the provider's group. */
  SecretStore create(SecretStoreProvider provider, StoreConfig config) {
    StoreGroup group;
    synchronized (this) {
      group = groups.computeIfAbsent(provider.type(), t -> provider.group());
    }
    return group.create(config);
  }

  /** Closes every group; one that fails to close does not keep the others open. */
  @Override
  public void close() {
    List<StoreGroup> open;
    synchronized (this) {
      open = new ArrayList<>(groups.values());
      groups.clear();
    }
    for (StoreGroup group : open) {
      try {
        group.close();
      } catch (RuntimeException e) {
        LOG.debug("closing {} failed ({})", group, e.getClass().getName());
      }
    }
  }
}
