package dev.phalanx.secrets.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one environment: the deep merge of {@code environments/values.yaml} and {@code
 * environments/values-<env>.yaml}.
 *
 * @param name the environment name (the {@code <env>} of the file name)
 * @param fqdn the environment's domain name, empty when unset
 * @param vaultUrl the Vault server URL, empty when unset
 * @param vaultPathPrefix the KV v2 mount then path, e.g. {@code secret/phalanx/idfdev}; empty when
 *     unset
 * @param onepassword the 1Password Connect settings, or null when 1Password is not used
 * @param applications every application named in the settings, mapped to whether it is enabled
 * @param values the whole merged mapping, unmodifiable, for settings this record does not name
 */
public record EnvironmentSettings(
    String name,
    String fqdn,
    String vaultUrl,
    String vaultPathPrefix,
    @Nullable OnePasswordSettings onepassword,
    SortedMap<String, Boolean> applications,
    Map<String, Object> values) {

  /** Copies the collections. */
  public EnvironmentSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fqdn, "fqdn");
    Objects.requireNonNull(vaultUrl, "vaultUrl");
    Objects.requireNonNull(vaultPathPrefix, "vaultPathPrefix");
    applications = Collections.unmodifiableSortedMap(new TreeMap<>(applications));
    values = Collections.unmodifiableMap(values);
  }

  /**
   * The enabled applications, in name order.
   *
   * @return application names mapped to true
   */
  public List<String> enabledApplications() {
    return applications.entrySet().stream()
        .filter(Map.Entry::getValue)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The 1Password settings, when 1Password is used.
   *
   * @return the settings, empty when {@code onepassword.connectUrl} is absent or empty
   */
  public Optional<OnePasswordSettings> onePassword() {
    return Optional.ofNullable(onepassword);
  }

  /** Name and FQDN only: the merged values are not printed. */
  @Override
  public String toString() {
    return "EnvironmentSettings[name=" + name + ", fqdn=" + fqdn + "]";
  }
}
