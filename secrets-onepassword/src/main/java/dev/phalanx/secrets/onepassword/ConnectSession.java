package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SourceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One Connect server for the life of a source: the vault list is read once, each vault's item
 * summaries once, and each item at most once, with a bounded number of item fetches in flight.
 */
final class ConnectSession {

  private final ConnectClient client;
  private final String server;
  private final int concurrency;
  private @Nullable List<ConnectSummary> vaults;
  private final Map<String, List<ConnectSummary>> summaries = new HashMap<>();
  private final Map<String, ConnectItem> items = new ConcurrentHashMap<>();

  ConnectSession(ConnectClient client, String server, int concurrency) {
    this.client = client;
    this.server = server;
    this.concurrency = concurrency;
  }

  String server() {
    return server;
  }

  /** The id of the one vault with this title. */
  synchronized String vaultId(String title) {
    if (vaults == null) {
      vaults = client.vaults();
    }
    return Titles.oneVault(vaults, title, server).id();
  }

  /** The summaries of a vault's items, listed once. */
  synchronized List<ConnectSummary> items(String vaultId) {
    List<ConnectSummary> list = summaries.get(vaultId);
    if (list == null) {
      list = client.items(vaultId);
      summaries.put(vaultId, list);
    }
    return list;
  }

  /**
   * Full items, each fetched at most once per session, at most {@code concurrency} at a time.
   *
   * @return item id to item, in the order given
   * @throws SourceException the first failure; the other fetches are cancelled
   */
  Map<String, ConnectItem> fetch(String vaultId, Collection<ConnectSummary> wanted) {
    Map<String, ConnectSummary> todo = new LinkedHashMap<>();
    for (ConnectSummary s : wanted) {
      if (!items.containsKey(key(vaultId, s.id()))) {
        todo.putIfAbsent(s.id(), s);
      }
    }
    if (todo.size() == 1 || (concurrency == 1 && !todo.isEmpty())) {
      for (ConnectSummary s : todo.values()) {
        items.put(key(vaultId, s.id()), client.item(vaultId, s.id()));
      }
    } else if (!todo.isEmpty()) {
      fetchConcurrently(vaultId, todo.values());
    }
    Map<String, ConnectItem> result = new LinkedHashMap<>();
    for (ConnectSummary s : wanted) {
      result.put(s.id(), items.get(key(vaultId, s.id())));
    }
    return result;
  }

  private void fetchConcurrently(String vaultId, Collection<ConnectSummary> todo) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(concurrency, todo.size()),
            r -> {
              Thread t = new Thread(r, "onepassword-fetch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<ConnectSummary> order = new ArrayList<>(todo);
      List<Future<ConnectItem>> futures = new ArrayList<>();
      for (ConnectSummary s : order) {
        futures.add(pool.submit(() -> client.item(vaultId, s.id())));
      }
      for (int i = 0; i < order.size(); i++) {
        ConnectItem item;
        try {
          item = futures.get(i).get();
        } catch (ExecutionException e) {
          futures.forEach(other -> other.cancel(true));
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new SourceException("reading a 1Password item failed", e.getCause());
        }
        items.put(key(vaultId, order.get(i).id()), item);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while reading from 1Password Connect", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String key(String vaultId, String itemId) {
    return vaultId + "/" + itemId;
  }

  int requestCount() {
    return client.requestCount();
  }

  void close() {
    client.close();
  }
}
