package dev.phalanx.secrets.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plan ENV}: what sync would do; the same as {@code sync --dry-run}. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show the store operations sync would perform, with reasons; write nothing.")
final class PlanCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ENV",
      description = "The environment (or --all).")
  String environment;

  @Mixin EngineOptions engine;

  @Mixin FleetOptions fleet;

  @Mixin SyncFlags flags;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    fleet.check(environment);
    if (fleet.all) {
      return Fleet.plan(
          engine,
          fleet,
          flags,
          output.json(),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    SyncCommand sync = new SyncCommand();
    sync.environment = environment;
    sync.engine = engine;
    sync.flags = flags;
    sync.output = output;
    sync.spec = spec;
    return sync.run(true);
  }
}
