package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The current Phalanx layout: one vault per environment, one item per application titled with the
 * application name, the field labelled with the secret key holding the value (labels are matched
 * whole: {@code dex.clientSecret} is one label). Items {@code pull-secret}, {@code oidc-clients}
 * (one section per registry / client) and {@code vault-write-token} (field {@code vault-token}) are
 * optional.
 *
 * <p>Only the items the request needs are fetched: the applications that have static secrets in it,
 * {@code oidc-clients} when OIDC clients are asked for, {@code pull-secret} and {@code
 * vault-write-token}.
 */
final class EnvironmentLayout implements VaultLayout {

  static final String PULL_SECRET = "pull-secret";
  static final String OIDC_CLIENTS = "oidc-clients";
  static final String VAULT_WRITE_TOKEN = "vault-write-token";

  @Override
  public StaticSecrets.Builder read(
      StaticSecretsRequest request, ConnectSession session, String vaultTitle, Findings findings) {
    String vaultId = session.vaultId(vaultTitle);
    List<ConnectSummary> summaries = session.items(vaultId);

    Map<String, List<RequestedSecret>> byApp = new TreeMap<>();
    for (RequestedSecret s : request.secrets()) {
      byApp.computeIfAbsent(s.ref().application(), a -> new ArrayList<>()).add(s);
    }
    TreeSet<String> optional = new TreeSet<>(List.of(PULL_SECRET, VAULT_WRITE_TOKEN));
    if (request.oidcClients()) {
      optional.add(OIDC_CLIENTS);
    }

    Map<String, ConnectSummary> chosen = new LinkedHashMap<>();
    for (String app : byApp.keySet()) {
      pick(summaries, app, findings, true).ifPresent(s -> chosen.put(app, s));
    }
    for (String title : optional) {
      if (!chosen.containsKey(title)) {
        pick(summaries, title, findings, false).ifPresent(s -> chosen.put(title, s));
      }
    }
    Map<String, ConnectItem> items = session.fetch(vaultId, chosen.values());

    StaticSecrets.Builder result = StaticSecrets.builder();
    for (Map.Entry<String, List<RequestedSecret>> e : byApp.entrySet()) {
      ConnectSummary summary = chosen.get(e.getKey());
      if (summary != null) {
        values(items.get(summary.id()), e.getValue(), findings, result);
      }
    }
    if (chosen.containsKey(PULL_SECRET)) {
      result.pullSecret(pullSecret(items.get(chosen.get(PULL_SECRET).id()), findings));
    }
    if (request.oidcClients() && chosen.containsKey(OIDC_CLIENTS)) {
      oidcClients(items.get(chosen.get(OIDC_CLIENTS).id()), findings).forEach(result::oidcClient);
    }
    if (chosen.containsKey(VAULT_WRITE_TOKEN)) {
      result.vaultWriteToken(
          vaultWriteToken(items.get(chosen.get(VAULT_WRITE_TOKEN).id()), findings));
    }
    return result;
  }

  /** The one item with this title; none is "missing" (or fine when optional), several an error. */
  private static Optional<ConnectSummary> pick(
      List<ConnectSummary> summaries, String title, Findings findings, boolean required) {
    List<ConnectSummary> found = Titles.matching(summaries, title);
    if (found.size() > 1) {
      findings.error(
          "item " + Titles.quote(title),
          found.size()
              + " items have this title (ids "
              + found.stream().map(ConnectSummary::id).toList()
              + "); item titles must be unique");
      return Optional.empty();
    }
    if (found.isEmpty()) {
      if (required) {
        findings.missing("item " + Titles.quote(title), "no item with this title", title, null);
      }
      return Optional.empty();
    }
    return Optional.of(found.get(0));
  }

  private static void values(
      ConnectItem item,
      List<RequestedSecret> secrets,
      Findings findings,
      StaticSecrets.Builder result) {
    for (RequestedSecret secret : secrets) {
      String key = secret.ref().key();
      String subject = secret.ref().toString();
      List<ConnectItem.Field> fields = item.fieldsLabelled(key);
      if (fields.isEmpty()) {
        findings.missing(
            subject,
            "item " + Titles.quote(item.title()) + " has no field labelled " + Titles.quote(key),
            secret.ref().application(),
            key);
        continue;
      }
      if (fields.size() > 1) {
        findings.warning(
            "item "
                + Titles.quote(item.title())
                + " has "
                + fields.size()
                + " fields labelled "
                + Titles.quote(key)
                + "; the first is used");
      }
      SecretValue value = fields.get(0).value();
      if (value == null) {
        findings.missing(
            subject,
            "field "
                + Titles.quote(key)
                + " of item "
                + Titles.quote(item.title())
                + " has no value",
            secret.ref().application(),
            key);
        continue;
      }
      if (secret.encoded()) {
        Optional<SecretValue> decoded = Base64Text.decode(value);
        if (decoded.isEmpty()) {
          findings.error(
              subject,
              "onepassword.encoded is set but the value in item "
                  + Titles.quote(item.title())
                  + " is not valid base64 of UTF-8 text");
          continue;
        }
        value = decoded.get();
      }
      result.value(secret.ref(), value);
    }
  }

  /** One section per registry, titled with its host, with fields username and password. */
  static @Nullable PullSecret pullSecret(ConnectItem item, Findings findings) {
    Map<String, Map<String, SecretValue>> sections =
        sections(item, List.of("username", "password"), findings);
    Map<String, PullSecret.Registry> registries = new LinkedHashMap<>();
    sections.forEach(
        (host, fields) -> {
          if (complete(item, host, fields, List.of("username", "password"), findings)) {
            registries.put(
                host,
                new PullSecret.Registry(fields.get("username").reveal(), fields.get("password")));
          }
        });
    if (sections.isEmpty()) {
      findings.warning(
          "item " + Titles.quote(item.title()) + " has no registry sections; no pull secret");
    }
    return registries.isEmpty() ? null : new PullSecret(registries);
  }

  /** One section per client, titled with its name, with fields id, secret and return_uri. */
  static List<OidcClient> oidcClients(ConnectItem item, Findings findings) {
    List<String> wanted = List.of("id", "secret", "return_uri");
    List<OidcClient> clients = new ArrayList<>();
    sections(item, wanted, findings)
        .forEach(
            (name, fields) -> {
              if (complete(item, name, fields, wanted, findings)) {
                clients.add(
                    new OidcClient(
                        name,
                        fields.get("id").reveal(),
                        fields.get("secret"),
                        fields.get("return_uri").reveal()));
              }
            });
    return clients;
  }

  static @Nullable SecretValue vaultWriteToken(ConnectItem item, Findings findings) {
    for (ConnectItem.Field f : item.fieldsLabelled("vault-token")) {
      if (f.value() != null) {
        return f.value();
      }
    }
    findings.warning(
        "item "
            + Titles.quote(item.title())
            + " has no field \"vault-token\" with a value; no Vault write token");
    return null;
  }

  /** Section label to field label to value, for the wanted labels, in item order. */
  private static Map<String, Map<String, SecretValue>> sections(
      ConnectItem item, List<String> wanted, Findings findings) {
    Map<String, Map<String, SecretValue>> result = new LinkedHashMap<>();
    for (ConnectItem.Field f : item.fields()) {
      if (!wanted.contains(f.label())) {
        continue;
      }
      Optional<String> section = item.sectionLabel(f);
      if (section.isEmpty() || section.get().isBlank()) {
        findings.error(
            "item " + Titles.quote(item.title()),
            "field " + Titles.quote(f.label()) + " is not in a section with a label");
        continue;
      }
      Map<String, SecretValue> fields =
          result.computeIfAbsent(section.get(), s -> new LinkedHashMap<>());
      if (f.value() != null && !fields.containsKey(f.label())) {
        fields.put(f.label(), f.value());
      }
    }
    return result;
  }

  private static boolean complete(
      ConnectItem item,
      String section,
      Map<String, SecretValue> fields,
      List<String> wanted,
      Findings findings) {
    List<String> absent = wanted.stream().filter(w -> !fields.containsKey(w)).toList();
    if (absent.isEmpty()) {
      return true;
    }
    findings.error(
        "item " + Titles.quote(item.title()) + ", section " + Titles.quote(section),
        "no value for field(s) " + absent);
    return false;
  }
}
