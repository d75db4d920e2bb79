package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.SyncOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --delete} and {@code --regenerate [APP/KEY]} for sync and plan. */
final class SyncFlags {

  static final String ALL = "*";

  @Option(names = "--delete", description = "Delete secrets and applications not required.")
  boolean delete;

  @Option(
      names = "--regenerate",
      paramLabel = "APP/KEY",
      arity = "0..1",
      parameterConsumer = RegenerateConsumer.class,
      description =
          "Regenerate every generated secret, or with APP/KEY just that one (repeatable).")
  List<String> regenerate = new ArrayList<>();

  SyncOptions apply(SyncOptions options) {
    List<SecretRef> refs = new ArrayList<>();
    boolean all = false;
    for (String r : regenerate) {
      if (r.equals(ALL)) {
        all = true;
      } else {
        refs.add(EngineOptions.parseRef(r));
      }
    }
    return options.withDelete(delete).withRegenerateAll(all).withRegenerate(refs);
  }

  /** Takes the next argument as APP/KEY only when it looks like one; else means "all". */
  static final class RegenerateConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      String value = ALL;
      if (!args.isEmpty() && args.peek().contains("/") && !args.peek().startsWith("-")) {
        value = args.pop();
      }
      List<String> list = argSpec.getValue();
      if (list == null) {
        list = new ArrayList<>();
      }
      list.add(value);
      argSpec.setValue(list);
    }
  }
}
