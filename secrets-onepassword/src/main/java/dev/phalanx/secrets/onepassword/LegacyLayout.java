package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The old Phalanx layout: one vault shared by every environment ({@code RSP-Vault} by default). An
 * item takes part when it has a field labelled {@code generate_secrets_key} whose value is {@code
 * "<application> <key>"}; fields labelled {@code environment} list the FQDNs it applies to. For an
 * environment, an item listing its FQDN wins over a default item (one with no {@code environment}
 * field). The value is the {@code notesPlain} field when it has one, else the field whose purpose
 * is {@code PASSWORD}.
 *
 * <p>Item summaries carry no fields, so every item of the vault is fetched, once.
 */
final class LegacyLayout implements VaultLayout {

  static final String KEY_FIELD = "generate_secrets_key";
  static final String ENVIRONMENT_FIELD = "environment";

  /** An item that takes part. */
  private record Candidate(ConnectItem item, Set<String> environments) {}

  @Override
  public StaticSecrets.Builder read(
      StaticSecretsRequest request, ConnectSession session, String vaultTitle, Findings findings) {
    String vaultId = session.vaultId(vaultTitle);
    List<ConnectSummary> summaries = session.items(vaultId);
    Map<String, ConnectItem> items = session.fetch(vaultId, summaries);

    Map<SecretRef, List<Candidate>> index = new HashMap<>();
    for (ConnectItem item : items.values()) {
      index(item, findings)
          .ifPresent(
              e -> index.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    String fqdn = request.environment().fqdn();
    StaticSecrets.Builder result = StaticSecrets.builder();
    for (RequestedSecret secret : request.secrets()) {
      SecretRef ref = secret.ref();
      List<Candidate> candidates = index.getOrDefault(ref, List.of());
      List<Candidate> specific =
          fqdn.isEmpty()
              ? List.of()
              : candidates.stream().filter(c -> c.environments().contains(fqdn)).toList();
      List<Candidate> defaults =
          candidates.stream().filter(c -> c.environments().isEmpty()).toList();
      Candidate chosen;
      if (specific.size() > 1) {
        findings.error(
            ref.toString(), "items " + titles(specific) + " all apply to environment " + fqdn);
        continue;
      } else if (specific.size() == 1) {
        chosen = specific.get(0);
      } else if (defaults.size() > 1) {
        findings.error(
            ref.toString(),
            "items " + titles(defaults) + " are all defaults (no environment field)");
        continue;
      } else if (defaults.size() == 1) {
        chosen = defaults.get(0);
      } else {
        findings.missing(
            ref.toString(),
            "no item with "
                + KEY_FIELD
                + " "
                + Titles.quote(ref.application() + " " + ref.key())
                + " for "
                + (fqdn.isEmpty() ? "this environment" : fqdn)
                + " or as a default",
            ref.application(),
            ref.key());
        continue;
      }
      SecretValue value = value(chosen.item());
      if (value == null) {
        findings.missing(
            ref.toString(),
            "item "
                + Titles.quote(chosen.item().title())
                + " has neither notesPlain nor a password",
            ref.application(),
            ref.key());
        continue;
      }
      // The legacy installer stored values raw (notesPlain, else the password) and never decoded
      // them: onepassword.encoded does not apply to this layout.
      result.value(ref, value);
    }
    return result;
  }

  private static Optional<Map.Entry<SecretRef, Candidate>> index(
      ConnectItem item, Findings findings) {
    List<ConnectItem.Field> keys = item.fieldsLabelled(KEY_FIELD);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    String subject = "item " + Titles.quote(item.title());
    if (keys.size() > 1) {
      findings.error(
          subject, "has " + keys.size() + " " + KEY_FIELD + " fields; an item holds one secret");
      return Optional.empty();
    }
    SecretValue raw = keys.get(0).value();
    // The key names a secret, it is not one.
    String[] words = raw == null ? new String[0] : raw.reveal().strip().split("\\s+");
    if (words.length != 2) {
      findings.error(subject, KEY_FIELD + " must be two words, \"<application> <key>\"");
      return Optional.empty();
    }
    Set<String> environments = new LinkedHashSet<>();
    for (ConnectItem.Field f : item.fieldsLabelled(ENVIRONMENT_FIELD)) {
      if (f.value() != null && !f.value().reveal().isBlank()) {
        environments.add(f.value().reveal().strip());
      }
    }
    return Optional.of(
        Map.entry(SecretRef.of(words[0], words[1]), new Candidate(item, environments)));
  }

  /** {@code notesPlain} when set, else the field whose purpose is PASSWORD. */
  static @Nullable SecretValue value(ConnectItem item) {
    for (ConnectItem.Field f : item.fields()) {
      if ((f.id().equals("notesPlain") || f.label().equals("notesPlain"))
          && f.value() != null
          && !f.value().isEmpty()) {
        return f.value();
      }
    }
    for (ConnectItem.Field f : item.fields()) {
      if (f.purpose().equals("PASSWORD") && f.value() != null) {
        return f.value();
      }
    }
    return null;
  }

  private static List<String> titles(List<Candidate> candidates) {
    return candidates.stream().map(c -> Titles.quote(c.item().title())).sorted().toList();
  }
}
