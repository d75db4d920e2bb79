package dev.phalanx.secrets.providers;

import dev.phalanx.secrets.ProviderNotFoundException;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one kind (stores, sources or generators), found by type key.
 *
 * <p>Explicitly registered providers come first and silently override discovered ones with the same
 * key. Among discovered providers, one that fails to load or whose {@link
 * SecretStoreProvider#type()} throws is skipped and reported in {@link #diagnostics()}; two that
 * claim the same key make that key unusable, and asking for it names both classes.
 *
 * @param <P> the provider interface
 */
public final class ProviderRegistry<P> {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

  private final String kind;
  private final Map<String, P> providers;
  private final Map<String, List<String>> conflicts;
  private final List<String> diagnostics;

  private ProviderRegistry(
      String kind,
      Map<String, P> providers,
      Map<String, List<String>> conflicts,
      List<String> diagnostics) {
    this.kind = kind;
    this.providers = Collections.unmodifiableMap(providers);
    this.conflicts = Collections.unmodifiableMap(conflicts);
    this.diagnostics = List.copyOf(diagnostics);
  }

  static <P> ProviderRegistry<P> load(
      String kind,
      Class<P> type,
      Function<P, String> typeKey,
      List<P> explicit,
      ClassLoader classLoader,
      boolean discover) {
    Map<String, P> found = new LinkedHashMap<>();
    Map<String, List<String>> conflicts = new LinkedHashMap<>();
    List<String> diagnostics = new ArrayList<>();
    for (P provider : explicit) {
      found.put(typeKey.apply(provider), provider);
    }
    Map<String, P> explicitKeys = Map.copyOf(found);
    if (discover) {
      Iterator<P> it = ServiceLoader.load(type, classLoader).iterator();
      while (true) {
        P provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          report(diagnostics, kind + " provider could not be loaded and was skipped: " + e);
          continue;
        }
        String key;
        try {
          key = typeKey.apply(provider);
        } catch (RuntimeException | LinkageError e) {
          report(
              diagnostics,
              kind
                  + " provider "
                  + provider.getClass().getName()
                  + " failed to report its type and was skipped: "
                  + e);
          continue;
        }
        if (key == null || key.isBlank()) {
          report(
              diagnostics,
              kind + " provider " + provider.getClass().getName() + " has no type; skipped");
          continue;
        }
        if (explicitKeys.containsKey(key)) {
          continue;
        }
        P previous = found.get(key);
        if (previous != null && previous.getClass() != provider.getClass()) {
          List<String> classes =
              conflicts.computeIfAbsent(
                  key, k -> new ArrayList<>(List.of(previous.getClass().getName())));
          classes.add(provider.getClass().getName());
          report(
              diagnostics, "several " + kind + " providers claim type '" + key + "': " + classes);
        } else {
          found.putIfAbsent(key, provider);
        }
      }
    }
    conflicts.keySet().forEach(found::remove);
    return new ProviderRegistry<>(kind, found, conflicts, diagnostics);
  }

  private static void report(List<String> diagnostics, String message) {
    // Returned to the caller, which reports it: logged at debug only, never printed twice.
    LOG.debug(message);
    diagnostics.add(message);
  }

  /**
   * The provider for a type.
   *
   * @param typeKey the type key
   * @return the provider, empty when none is registered
   * @throws ProviderNotFoundException when several providers claim the key
   */
  public Optional<P> find(String typeKey) {
    List<String> conflict = conflicts.get(typeKey);
    if (conflict != null) {
      throw new ProviderNotFoundException(
          "several " + kind + " providers claim type '" + typeKey + "': " + conflict,
          List.copyOf(types()));
    }
    return Optional.ofNullable(providers.get(typeKey));
  }

  /**
   * The provider for a type, or a clear error.
   *
   * @param typeKey the type key
   * @return the provider
   * @throws ProviderNotFoundException naming the available types when there is none, or both
   *     classes when two claim the key
   */
  public P get(String typeKey) {
    return find(typeKey)
        .orElseThrow(
            () ->
                new ProviderNotFoundException(
                    "no " + kind + " for '" + typeKey + "'; available: " + types(),
                    List.copyOf(types())));
  }

  /**
   * The usable type keys.
   *
   * @return sorted keys, without conflicting ones
   */
  public SortedSet<String> types() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(providers.keySet()));
  }

  /**
   * Every problem met while discovering providers: broken and conflicting ones.
   *
   * @return messages, empty when discovery was clean
   */
  public List<String> diagnostics() {
    return diagnostics;
  }

  /**
   * What kind of provider this registry holds, e.g. {@code SecretStore}.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }
}
