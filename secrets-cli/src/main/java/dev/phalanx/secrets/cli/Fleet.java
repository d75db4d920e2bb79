package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code audit --all} and {@code plan --all}: every environment of the tree in one process, a
 * bounded number at a time, each with its own Vault URL, path and static source. One environment's
 * failure is its row's error and never stops the others. {@code sync --all} is deliberately not
 * offered.
 */
final class Fleet {

  private static final String WARNING = "warning: ";

  /** Exit status when some environment could not be worked on. */
  static final int SOME_ERROR = 2;

  /** What one environment came to. */
  enum Status {
    CLEAN,
    DRIFT,
    ERROR
  }

  /** One environment's row; counts are in the order of the command's columns. */
  record Row(String environment, Status status, Map<String, Integer> counts, String detail) {}

  /** The work of one environment: its counts, status and a short detail. */
  interface Work {
    Row run(Workspace ws, String environment);
  }

  private Fleet() {}

  static int audit(
      EngineOptions engine, FleetOptions fleet, boolean json, PrintWriter out, PrintWriter err) {
    return run(
        "audit",
        JsonReports.fleetColumns("audit --all"),
        engine,
        fleet,
        json,
        out,
        err,
        (ws, env) -> {
          AuditReport report = ws.engine.audit(ws.environment, ws.statics, ws.store, ws.options);
          Map<String, Integer> counts = new LinkedHashMap<>();
          counts.put("missing", report.missing().size());
          counts.put("mismatched", report.mismatched().size());
          counts.put("unknown", report.unknown().size());
          counts.put("unresolved", report.problems().size());
          Status status =
              !report.problems().isEmpty()
                  ? Status.ERROR
                  : report.isClean() ? Status.CLEAN : Status.DRIFT;
          String detail =
              report.problems().isEmpty()
                  ? ""
                  : report.problems().size()
                      + " secrets cannot be resolved, e.g. "
                      + report.problems().get(0);
          return new Row(env, status, counts, detail);
        });
  }

  static int plan(
      EngineOptions engine,
      FleetOptions fleet,
      SyncFlags flags,
      boolean json,
      PrintWriter out,
      PrintWriter err) {
    return run(
        "plan",
        JsonReports.fleetColumns("plan --all"),
        engine,
        fleet,
        json,
        out,
        err,
        (ws, env) -> {
          SyncOptions options = flags.apply(ws.options);
          SyncPlan plan = ws.engine.plan(ws.environment, ws.statics, ws.store, options);
          Map<String, Integer> counts = new LinkedHashMap<>();
          counts.put("operations", plan.operations().size());
          counts.put(
              "changes", plan.operations().stream().mapToInt(op -> op.changes().size()).sum());
          String detail =
              String.join(
                      " ",
                      plan.operations().stream()
                          .map(PlannedOperation::application)
                          .limit(5)
                          .toList())
                  + (plan.operations().size() > 5 ? " ..." : "");
          return new Row(env, plan.isEmpty() ? Status.CLEAN : Status.DRIFT, counts, detail);
        });
  }

  private static int run(
      String command,
      List<String> columns,
      EngineOptions engine,
      FleetOptions fleet,
      boolean json,
      PrintWriter out,
      PrintWriter err,
      Work work) {
    if (engine.prompt) {
      throw new UsageException("--prompt cannot be used with --all");
    }
    if (engine.secrets != null) {
      throw new UsageException("--secrets FILE is one environment's; with --all use --secrets-dir");
    }
    Providers providers = Providers.load();
    Preloading.start(providers, engine);
    for (String d : providers.diagnostics()) {
      err.println("warning: " + d);
    }
    PhalanxConfig config = engine.config.open(providers);
    List<String> names = config.environmentNames();
    List<StringWriter> logs = new ArrayList<>();
    List<Future<Row>> futures = new ArrayList<>();
    StoreGroups groups = new StoreGroups();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(fleet.jobs, Math.max(1, names.size())),
            r -> {
              Thread t =
                  new Thread(
                      r, "phalanx-secrets-" + command + "-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      for (String name : names) {
        StringWriter log = new StringWriter();
        logs.add(log);
        EngineOptions opts = forEnvironment(engine, fleet, name);
        futures.add(
            pool.submit(
                () ->
                    one(providers, config, name, opts, new PrintWriter(log, true), groups, work)));
      }
      List<Row> rows = new ArrayList<>();
      List<String> warnings = new ArrayList<>(providers.diagnostics());
      for (int i = 0; i < names.size(); i++) {
        rows.add(join(futures.get(i), names.get(i)));
        for (String line : logs.get(i).toString().split("\n", -1)) {
          if (!line.isEmpty()) {
            err.println(names.get(i) + ": " + line);
          }
          if (line.startsWith(WARNING)) {
            warnings.add(names.get(i) + ": " + line.substring(WARNING.length()));
          }
        }
      }
      print(command, columns, rows, warnings, json, out);
      err.flush();
      if (rows.stream().anyMatch(r -> r.status() == Status.ERROR)) {
        return SOME_ERROR;
      }
      return rows.stream().anyMatch(r -> r.status() == Status.DRIFT)
          ? ExitCodes.FAILURE
          : ExitCodes.OK;
    } finally {
      pool.shutdownNow();
      groups.close();
    }
  }

  private static Row one(
      Providers providers,
      PhalanxConfig config,
      String name,
      EngineOptions opts,
      PrintWriter log,
      StoreGroups groups,
      Work work) {
    try (Workspace ws = Workspace.open(providers, config, name, opts, log, groups)) {
      return work.run(ws, name);
    } catch (RuntimeException e) {
      return new Row(name, Status.ERROR, Map.of(), message(e));
    }
  }

  private static Row join(Future<Row> future, String name) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Row(name, Status.ERROR, Map.of(), "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      return new Row(
          name, Status.ERROR, Map.of(), "unexpected " + e.getCause().getClass().getName());
    }
  }

  /** A failure in words that never hold a value (as {@link ErrorHandler} prints it). */
  static String message(RuntimeException e) {
    if (e instanceof PhalanxSecretsException || e instanceof UsageException) {
      return String.valueOf(e.getMessage());
    }
    if (e instanceof UncheckedIOException) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return "unexpected " + e.getClass().getName() + " (run audit ENV --debug for details)";
  }

  /** The options of one environment: its static file from --secrets-dir when there is one. */
  private static EngineOptions forEnvironment(
      EngineOptions common, FleetOptions fleet, String environment) {
    EngineOptions opts = new EngineOptions();
    opts.config = common.config;
    opts.source = common.source;
    opts.onePasswordLayout = common.onePasswordLayout;
    opts.store = common.store;
    opts.vaultUrl = common.vaultUrl;
    opts.exclude = common.exclude;
    opts.sourceOption = common.sourceOption;
    if (fleet.secretsDir != null) {
      Path file = fleet.secretsDir.resolve(environment + ".yaml");
      if (Files.isRegularFile(file)) {
        opts.secrets = file;
        opts.source = null;
      }
    }
    return opts;
  }

  private static void print(
      String command,
      List<String> columns,
      List<Row> rows,
      List<String> warnings,
      boolean json,
      PrintWriter out) {
    Map<Status, Long> totals = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      totals.put(s, rows.stream().filter(r -> r.status() == s).count());
    }
    if (json) {
      List<JsonReports.FleetRow> list = new ArrayList<>();
      for (Row r : rows) {
        list.add(
            new JsonReports.FleetRow(r.environment(), lower(r.status()), r.counts(), r.detail()));
      }
      out.println(JsonReports.fleet(command + " --all", warnings, list));
      out.flush();
      return;
    }
    int width =
        Math.max(
            "ENVIRONMENT".length(),
            rows.stream().mapToInt(r -> r.environment().length()).max().orElse(0));
    StringBuilder header =
        new StringBuilder(String.format("%-" + width + "s  %-6s", "ENVIRONMENT", "STATUS"));
    for (String c : columns) {
      header.append(
          String.format("  %" + Math.max(c.length(), 5) + "s", c.toUpperCase(Locale.ROOT)));
    }
    header.append("  DETAIL");
    out.println(header);
    for (Row r : rows) {
      StringBuilder line =
          new StringBuilder(
              String.format("%-" + width + "s  %-6s", r.environment(), lower(r.status())));
      for (String c : columns) {
        Integer n = r.counts().get(c);
        line.append(String.format("  %" + Math.max(c.length(), 5) + "s", n == null ? "-" : n));
      }
      if (!r.detail().isEmpty()) {
        line.append("  ").append(r.detail());
      }
      out.println(line.toString().stripTrailing());
    }
    out.printf(
        "%d environments: %d clean, %d drift, %d error%n",
        rows.size(), totals.get(Status.CLEAN), totals.get(Status.DRIFT), totals.get(Status.ERROR));
    out.flush();
  }

  private static String lower(Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
