package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.KeyChange;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.report.JsonReports;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sync ENV}: make the store match the environment. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Make the store match what the environment requires.",
    footer = {
      "",
      "Creates missing secrets, updates changed ones, keeps generated values unless asked to",
      "regenerate them, and deletes what is not required only with --delete. One write per",
      "changed application; a second sync with unchanged inputs writes nothing.",
      "",
      "Prints Phalanx's lines (Created Vault secret for APP, Updated Vault secret for APP KEY,",
      "Deleted Vault secret for APP [KEY]) and nothing when nothing changed; --verbose prints a",
      "summary per application and the target instead."
    })
final class SyncCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Mixin EngineOptions engine;

  @Mixin SyncFlags flags;

  @Option(names = "--dry-run", description = "Show what would be done; write nothing (= plan).")
  boolean dryRun;

  @Mixin FormatOption output;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also print a summary per application and the target store (without it, sync prints"
              + " Phalanx's lines and nothing when nothing changed).")
  boolean verbose;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return run(dryRun);
  }

  int run(boolean planOnly) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Workspace ws = Workspace.open(environment, engine, err)) {
      SyncOptions options = flags.apply(ws.options);
      if (planOnly) {
        SyncPlan plan = ws.engine.plan(ws.environment, ws.statics, ws.store, options);
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (output.json()) {
          out.println(
              dryRun
                  ? JsonReports.syncDryRun(environment, plan, ws.warnings())
                  : JsonReports.plan(environment, plan, ws.warnings()));
        } else {
          out.print(plan.toText());
        }
        out.flush();
        return ExitCodes.OK;
      }
      SyncListener listener = System.console() != null ? new Progress(err) : SyncListener.NONE;
      SyncResult result = ws.engine.sync(ws.environment, ws.statics, ws.store, options, listener);
      result.warnings().forEach(w -> err.println("warning: " + w));
      if (output.json()) {
        out.println(JsonReports.sync(environment, result, ws.warnings()));
      } else if (!verbose) {
        out.print(
            PhalanxText.sync(
                result.applied(), ResolutionOrder.of(ws.environment.secrets(), result.applied())));
      } else if (!result.changed()) {
        out.println("No changes.");
      } else {
        for (PlannedOperation op : result.applied()) {
          out.println(describe(op));
        }
        out.println(
            "Synced "
                + result.applied().size()
                + (result.applied().size() == 1 ? " application" : " applications")
                + " of "
                + environment
                + " to "
                + ws.store.describe()
                + ".");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static String describe(PlannedOperation op) {
    int added = 0;
    int changed = 0;
    int deleted = 0;
    for (KeyChange c : op.changes()) {
      switch (c.action()) {
        case ADD -> added++;
        case CHANGE -> changed++;
        case DELETE -> deleted++;
      }
    }
    String verb =
        switch (op.kind()) {
          case CREATE_APPLICATION -> "created";
          case UPDATE_APPLICATION -> "updated";
          case DELETE_APPLICATION -> "deleted";
        };
    return verb
        + " "
        + op.application()
        + " ("
        + (op.kind() == PlannedOperation.Kind.DELETE_APPLICATION
            ? deleted + " keys"
            : added + " added, " + changed + " changed, " + deleted + " deleted")
        + ")";
  }

  /** Progress lines on stderr, for terminals. */
  private static final class Progress implements SyncListener {
    private final PrintWriter err;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void applied(PlannedOperation operation, int done, int total) {
      err.printf("[%d/%d] %s%n", done, total, operation.application());
      err.flush();
    }

    @Override
    public void computing(SecretRef secret, String what) {
      err.printf("%s %s (this can take a few seconds)...%n", what, secret);
      err.flush();
    }

    @Override
    public void replanning(String application, int round) {
      err.printf(
          "%s changed concurrently; re-reading and planning again (round %d)%n",
          application, round);
      err.flush();
    }
  }
}
