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

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Mixin EngineOptions engine;

  @Mixin SyncFlags flags;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SyncCommand sync = new SyncCommand();
    sync.environment = environment;
    sync.engine = engine;
    sync.flags = flags;
    sync.output = output;
    sync.spec = spec;
    return sync.run(true);
  }
}
