package dev.phalanx.secrets.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phalanx.secrets.MissingStaticSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.SecretDecision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
    result.set("missing", ReportNodes.entries(report.missing()));
    result.set("mismatched", ReportNodes.entries(report.mismatched()));
    result.set("unknown", ReportNodes.entries(report.unknown()));
    ArrayNode problems = result.putArray("problems");
    for (Problem p : report.problems()) {
      problems.add(p.toString());
    }
    return ReportNodes.report(
        "audit", environment, ReportNodes.merge(earlier, report.warnings()), result);
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
    return ReportNodes.report("audit", environment, earlier, result);
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
    result.set("operations", ReportNodes.operations(plan.operations()));
    return ReportNodes.report(
        "plan", environment, ReportNodes.merge(earlier, plan.warnings()), result);
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
    return ReportNodes.report(
        "sync",
        environment,
        ReportNodes.merge(earlier, result.warnings()),
        ReportNodes.syncResult(false, result.changed(), result.rounds(), result.applied()));
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
    return ReportNodes.report(
        "sync",
        environment,
        ReportNodes.merge(earlier, plan.warnings()),
        ReportNodes.syncResult(true, !plan.isEmpty(), 0, plan.operations()));
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
      rows.add(ReportNodes.secret(secret));
    }
    return ReportNodes.report("list", environment, List.of(), result);
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
    result.set("decisions", ReportNodes.decisions(decisions, valueFrom));
    return ReportNodes.report("explain", environment, List.of(), result);
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
    return ReportNodes.report("export", environment, warnings, result);
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
    return ReportNodes.report("vault audit", environment, List.of(), result);
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
    result.set("environments", ReportNodes.fleetRows(columns, rows));
    ObjectNode summary = result.putObject("summary");
    for (String status : FLEET_STATUSES) {
      summary.put(status, rows.stream().filter(r -> r.status().equals(status)).count());
    }
    return ReportNodes.report(command, EVERY_ENVIRONMENT, List.copyOf(warnings), result);
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
}
