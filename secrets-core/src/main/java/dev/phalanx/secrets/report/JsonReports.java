package dev.phalanx.secrets.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phalanx.secrets.MissingStaticSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.config.SecretDecision;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.KeyChange;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one machine-readable format of reports: what {@code phalanx-secrets --format json} prints,
 * for embedders to print the same.
 *
 * <p>Every report is one JSON object, the <em>envelope</em>, with these members in this order:
 *
 * <ul>
 *   <li>{@code schemaVersion}: {@value #SCHEMA_VERSION}; raised only when a member is removed or
 *       changes meaning (new members may appear without it);
 *   <li>{@code command}: what produced it, e.g. {@code "audit"}, {@code "sync"}, {@code "vault
 *       audit"};
 *   <li>{@code environment}: the environment's name;
 *   <li>{@code warnings}: conditions that may make the result wrong (an array of strings, possibly
 *       empty);
 *   <li>{@code result}: the command's result, an object whose shape depends on {@code command}.
 * </ul>
 *
 * <p>The output is deterministic: members appear in the declared order, lists in the order of the
 * report (sorted by application and key, or the order sync applies operations), and maps taken from
 * configuration (generator options) sorted by key. No value of a secret ever appears. The JSON
 * Schema (draft 2020-12) of every shape is the class path resource {@value #SCHEMA_RESOURCE};
 * {@link #schema()} returns it.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonReports {

  /** The version of the envelope and result shapes. */
  public static final int SCHEMA_VERSION = 1;

  /** The class path resource holding the JSON Schema of every report. */
  public static final String SCHEMA_RESOURCE = "/dev/phalanx/secrets/report/report.schema.json";

  /** The {@code $id} of the schema. */
  public static final String SCHEMA_ID =
      "https://phalanx.dev/secrets/schemas/report-v" + SCHEMA_VERSION + ".json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonReports() {}

  /**
   * An audit ({@code command} {@code "audit"}). Result: {@code clean}, {@code missing}, {@code
   * mismatched}, {@code unknown} (each a list of {@code application}, {@code key}, {@code reason})
   * and {@code problems} (sentences).
   *
   * @param environment the environment's name
   * @param report the report
   * @return the JSON text, without a final newline
   */
  public static String audit(String environment, AuditReport report) {
    return audit(environment, report, List.of());
  }

  /**
   * An audit, with the warnings raised before it (e.g. by the static source) listed first.
   *
   * @param environment the environment's name
   * @param report the report
   * @param earlier warnings raised before the report
   * @return the JSON text, without a final newline
   */
  public static String audit(String environment, AuditReport report, List<String> earlier) {
    ObjectNode result = NODES.objectNode();
    result.put("clean", report.isClean());
    result.set("missing", entries(report.missing()));
    result.set("mismatched", entries(report.mismatched()));
    result.set("unknown", entries(report.unknown()));
    ArrayNode problems = result.putArray("problems");
    for (Problem p : report.problems()) {
      problems.add(p.toString());
    }
    return write(envelope("audit", environment, merge(earlier, report.warnings()), result));
  }

  /**
   * An audit that stopped because the static source lacks items or fields the environment requires
   * ({@code command} {@code "audit"}, as Phalanx's "Missing static secrets from 1Password"): the
   * audit result with {@code clean} false, empty entry lists (the store was not compared), the
   * problems, and {@code missingFromSource} (each {@code application} and {@code key}, null for a
   * whole item).
   *
   * @param environment the environment's name
   * @param missing what the source lacks
   * @param earlier warnings raised before it
   * @return the JSON text, without a final newline
   */
  public static String auditMissingStatic(
      String environment, MissingStaticSecretsException missing, List<String> earlier) {
    ObjectNode result = NODES.objectNode();
    result.put("clean", false);
    result.putArray("missing");
    result.putArray("mismatched");
    result.putArray("unknown");
    ArrayNode problems = result.putArray("problems");
    for (Problem p : missing.problems()) {
      problems.add(p.toString());
    }
    ArrayNode lacking = result.putArray("missingFromSource");
    for (MissingStaticSecretsException.Missing m : missing.missing()) {
      ObjectNode row = lacking.addObject();
      row.put("application", m.application());
      row.put("key", m.key());
    }
    return write(envelope("audit", environment, earlier, result));
  }

  /**
   * A plan ({@code command} {@code "plan"}). Result: {@code changed} (whether sync would write) and
   * {@code operations} in the order sync would apply them.
   *
   * @param environment the environment's name
   * @param plan the plan
   * @return the JSON text, without a final newline
   */
  public static String plan(String environment, SyncPlan plan) {
    return plan(environment, plan, List.of());
  }

  /**
   * A plan, with the warnings raised before it (e.g. by the static source) listed first.
   *
   * @param environment the environment's name
   * @param plan the plan
   * @param earlier warnings raised before the plan
   * @return the JSON text, without a final newline
   */
  public static String plan(String environment, SyncPlan plan, List<String> earlier) {
    ObjectNode result = NODES.objectNode();
    result.put("changed", !plan.isEmpty());
    result.set("operations", operations(plan.operations()));
    return write(envelope("plan", environment, merge(earlier, plan.warnings()), result));
  }

  /**
   * A sync that was performed ({@code command} {@code "sync"}). Result: {@code dryRun} false,
   * {@code changed}, {@code rounds} and the {@code operations} applied.
   *
   * @param environment the environment's name
   * @param result what the sync did
   * @return the JSON text, without a final newline
   */
  public static String sync(String environment, SyncResult result) {
    return sync(environment, result, List.of());
  }

  /**
   * A sync that was performed, with the warnings raised before it listed first.
   *
   * @param environment the environment's name
   * @param result what the sync did
   * @param earlier warnings raised before the sync (e.g. by the static source)
   * @return the JSON text, without a final newline
   */
  public static String sync(String environment, SyncResult result, List<String> earlier) {
    return write(
        envelope(
            "sync",
            environment,
            merge(earlier, result.warnings()),
            syncResult(false, result.changed(), result.rounds(), result.applied())));
  }

  /**
   * A sync that was only planned, {@code sync --dry-run} ({@code command} {@code "sync"}): the
   * shape of {@link #sync}, with {@code dryRun} true, {@code rounds} 0 and the {@code operations}
   * that would be applied.
   *
   * @param environment the environment's name
   * @param plan the plan
   * @return the JSON text, without a final newline
   */
  public static String syncDryRun(String environment, SyncPlan plan) {
    return syncDryRun(environment, plan, List.of());
  }

  /**
   * A sync that was only planned, with the warnings raised before it listed first.
   *
   * @param environment the environment's name
   * @param plan the plan
   * @param earlier warnings raised before the plan (e.g. by the static source)
   * @return the JSON text, without a final newline
   */
  public static String syncDryRun(String environment, SyncPlan plan, List<String> earlier) {
    return write(
        envelope(
            "sync",
            environment,
            merge(earlier, plan.warnings()),
            syncResult(true, !plan.isEmpty(), 0, plan.operations())));
  }

  /**
   * The secrets an environment requires ({@code command} {@code "list"}). Result: {@code secrets},
   * each with {@code application}, {@code key}, {@code kind}, {@code description}, and when they
   * apply {@code copy} ({@code application}, {@code key}), {@code generate} ({@code type}, {@code
   * source}, {@code options}) and {@code onepassword} ({@code encoded}).
   *
   * @param environment the environment's name
   * @param secrets the secrets, in the order to print them
   * @return the JSON text, without a final newline
   */
  public static String list(String environment, Collection<? extends Secret> secrets) {
    ObjectNode result = NODES.objectNode();
    ArrayNode rows = result.putArray("secrets");
    for (Secret secret : secrets) {
      rows.add(secret(secret));
    }
    return write(envelope("list", environment, List.of(), result));
  }

  /**
   * Why each secret is or is not required ({@code command} {@code "explain"}). Result: {@code
   * decisions}, each with {@code application}, {@code key}, {@code required}, {@code reason}, and
   * for required secrets {@code kind} and {@code valueFrom}.
   *
   * @param environment the environment's name
   * @param decisions the decisions, in the order to print them
   * @param valueFrom where a required secret's value comes from, in words
   * @return the JSON text, without a final newline
   */
  public static String explain(
      String environment,
      Collection<SecretDecision> decisions,
      Function<? super Secret, String> valueFrom) {
    ObjectNode result = NODES.objectNode();
    ArrayNode rows = result.putArray("decisions");
    for (SecretDecision d : decisions) {
      ObjectNode row = rows.addObject();
      row.put("application", d.ref().application());
      row.put("key", d.ref().key());
      row.put("required", d.required());
      row.put("reason", d.reason());
      d.requiredSecret()
          .ifPresent(
              s -> {
                row.put("kind", s.kind());
                row.put("valueFrom", valueFrom.apply(s));
              });
    }
    return write(envelope("explain", environment, List.of(), result));
  }

  /**
   * An export of the store's secrets to files ({@code command} {@code "export"}). Result: {@code
   * directory} and the {@code applications} written (never their values).
   *
   * @param environment the environment's name
   * @param directory where the files were written
   * @param applications the applications written, in order
   * @param warnings e.g. applications skipped
   * @return the JSON text, without a final newline
   */
  public static String export(
      String environment, String directory, List<String> applications, List<String> warnings) {
    ObjectNode result = NODES.objectNode();
    result.put("directory", directory);
    ArrayNode apps = result.putArray("applications");
    applications.forEach(apps::add);
    return write(envelope("export", environment, warnings, result));
  }

  /**
   * An audit of an environment's Vault credentials ({@code command} {@code "vault audit"}). Result:
   * {@code clean} and {@code problems} (sentences; a changed policy's carries a diff).
   *
   * @param environment the environment's name
   * @param problems the problems, in order
   * @return the JSON text, without a final newline
   */
  public static String credentialAudit(String environment, List<String> problems) {
    ObjectNode result = NODES.objectNode();
    result.put("clean", problems.isEmpty());
    ArrayNode list = result.putArray("problems");
    problems.forEach(list::add);
    return write(envelope("vault audit", environment, List.of(), result));
  }

  /** The {@code environment} of a fleet report: every environment of the tree. */
  public static final String EVERY_ENVIRONMENT = "*";

  /**
   * One environment's row of a fleet report ({@link #fleet}).
   *
   * @param environment the environment's name
   * @param status {@code "clean"}, {@code "drift"} or {@code "error"}
   * @param counts the command's counts by name ({@link #fleetColumns}); a count left out (an
   *     environment that could not be worked on) is {@code null}
   * @param detail what went wrong (status {@code error}) or a short description; possibly empty
   */
  public record FleetRow(
      String environment, String status, Map<String, Integer> counts, String detail) {
    /** Checks the status and copies the counts. */
    public FleetRow {
      Objects.requireNonNull(environment, "environment");
      if (!FLEET_STATUSES.contains(status)) {
        throw new IllegalArgumentException("status must be one of " + FLEET_STATUSES);
      }
      counts = Map.copyOf(counts);
      Objects.requireNonNull(detail, "detail");
    }
  }

  private static final List<String> FLEET_STATUSES = List.of("clean", "drift", "error");

  /**
   * The counts of a fleet command's rows, in order.
   *
   * @param command {@code "audit --all"} or {@code "plan --all"}
   * @return the count names
   */
  public static List<String> fleetColumns(String command) {
    return switch (command) {
      case "audit --all" -> List.of("missing", "mismatched", "unknown", "unresolved");
      case "plan --all" -> List.of("operations", "changes");
      default -> throw new IllegalArgumentException("not a fleet command: " + command);
    };
  }

  /**
   * A fleet report ({@code command} {@code "audit --all"} or {@code "plan --all"}, {@code
   * environment} {@value #EVERY_ENVIRONMENT}). Result: {@code environments}, one row per
   * environment in the given order ({@code environment}, {@code status}, the counts of {@link
   * #fleetColumns}, then {@code error} for a row in error, else {@code detail}), and {@code
   * summary}, the number of rows per status.
   *
   * @param command {@code "audit --all"} or {@code "plan --all"}
   * @param warnings the warnings, each prefixed with its environment's name
   * @param rows the rows
   * @return the JSON text, without a final newline
   */
  public static String fleet(String command, List<String> warnings, List<FleetRow> rows) {
    List<String> columns = fleetColumns(command);
    ObjectNode result = NODES.objectNode();
    ArrayNode list = result.putArray("environments");
    for (FleetRow r : rows) {
      ObjectNode m = list.addObject();
      m.put("environment", r.environment());
      m.put("status", r.status());
      for (String c : columns) {
        Integer n = r.counts().get(c);
        if (n == null) {
          m.putNull(c);
        } else {
          m.put(c, n.intValue());
        }
      }
      m.put(r.status().equals("error") ? "error" : "detail", r.detail());
    }
    ObjectNode summary = result.putObject("summary");
    for (String status : FLEET_STATUSES) {
      summary.put(status, rows.stream().filter(r -> r.status().equals(status)).count());
    }
    return write(envelope(command, EVERY_ENVIRONMENT, List.copyOf(warnings), result));
  }

  /**
   * The JSON Schema (draft 2020-12) of every report this class writes.
   *
   * @return the schema text
   */
  public static String schema() {
    try (InputStream in = JsonReports.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode envelope(
      String command, String environment, List<String> warnings, ObjectNode result) {
    ObjectNode root = NODES.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("command", command);
    root.put("environment", Objects.requireNonNull(environment, "environment"));
    ArrayNode w = root.putArray("warnings");
    warnings.forEach(w::add);
    root.set("result", result);
    return root;
  }

  /** Both lists, in order, each warning once. */
  private static List<String> merge(List<String> earlier, List<String> own) {
    Set<String> all = new LinkedHashSet<>(earlier);
    all.addAll(own);
    return List.copyOf(all);
  }

  private static ObjectNode syncResult(
      boolean dryRun, boolean changed, int rounds, List<PlannedOperation> ops) {
    ObjectNode result = NODES.objectNode();
    result.put("dryRun", dryRun);
    result.put("changed", changed);
    result.put("rounds", rounds);
    result.set("operations", operations(ops));
    return result;
  }

  private static ArrayNode entries(List<AuditReport.Entry> entries) {
    ArrayNode list = NODES.arrayNode();
    for (AuditReport.Entry e : entries) {
      ObjectNode m = list.addObject();
      m.put("application", e.ref().application());
      m.put("key", e.ref().key());
      m.put("reason", e.reason());
    }
    return list;
  }

  private static ArrayNode operations(List<PlannedOperation> ops) {
    ArrayNode list = NODES.arrayNode();
    for (PlannedOperation op : ops) {
      ObjectNode m = list.addObject();
      m.put("operation", op.kind().name().toLowerCase(Locale.ROOT));
      m.put("application", op.application());
      ArrayNode changes = m.putArray("changes");
      for (KeyChange c : op.changes()) {
        ObjectNode change = changes.addObject();
        change.put("key", c.key());
        change.put("action", c.action().name().toLowerCase(Locale.ROOT));
        change.put("reason", c.reason());
      }
    }
    return list;
  }

  private static ObjectNode secret(Secret secret) {
    ObjectNode row = NODES.objectNode();
    row.put("application", secret.application());
    row.put("key", secret.key());
    row.put("kind", secret.kind());
    row.put("description", secret.description());
    if (secret instanceof CopySecret copy) {
      ObjectNode from = row.putObject("copy");
      from.put("application", copy.from().application());
      from.put("key", copy.from().key());
    }
    if (secret instanceof GeneratedSecret generated) {
      ObjectNode generate = row.putObject("generate");
      generate.put("type", generated.type());
      String source = generated.rule().source();
      if (source != null) {
        generate.put("source", source);
      }
      if (!generated.rule().options().isEmpty()) {
        generate.set("options", MAPPER.valueToTree(sortedCopy(generated.rule().options().asMap())));
      }
    }
    if (secret.spec().onepasswordEncoded()) {
      row.putObject("onepassword").put("encoded", true);
    }
    return row;
  }

  /** A copy of configuration data with every map sorted by key. */
  private static @Nullable Object sortedCopy(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), sortedCopy(v)));
      return sorted;
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(JsonReports::sortedCopy).toList();
    }
    return value;
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
