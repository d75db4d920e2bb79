package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import dev.phalanx.secrets.testkit.InMemorySecretSource;
import java.util.Map;

/**
 * Kit adoptions by deliberately wrong implementations. Not test classes themselves (Surefire does
 * not pick them up); {@link KitsCatchBrokenImplementationsTest} runs them through the launcher.
 */
final class BrokenAdoptions {

  private BrokenAdoptions() {}

  abstract static class BrokenStoreAdoption extends SecretStoreContract<BrokenStore> {
    private final BrokenStore.Defect defect;

    BrokenStoreAdoption(BrokenStore.Defect defect) {
      this.defect = defect;
    }

    @Override
    protected BrokenStore createStore() {
      return new BrokenStore(defect);
    }

    @Override
    protected boolean softDelete(BrokenStore store, String application) {
      store.softDelete(application);
      return true;
    }
  }

  static final class LeakyToString extends BrokenStoreAdoption {
    LeakyToString() {
      super(BrokenStore.Defect.LEAKY_TO_STRING);
    }
  }

  static final class LeakyException extends BrokenStoreAdoption {
    LeakyException() {
      super(BrokenStore.Defect.LEAKY_EXCEPTION);
    }
  }

  static final class IgnoresCas extends BrokenStoreAdoption {
    IgnoresCas() {
      super(BrokenStore.Defect.IGNORES_CAS);
    }
  }

  static final class ForgetsDeleted extends BrokenStoreAdoption {
    ForgetsDeleted() {
      super(BrokenStore.Defect.FORGETS_DELETED);
    }
  }

  static final class FalselyWritable extends BrokenStoreAdoption {
    FalselyWritable() {
      super(BrokenStore.Defect.FALSELY_WRITABLE);
    }
  }

  static final class DeleteKeepsData extends BrokenStoreAdoption {
    DeleteKeepsData() {
      super(BrokenStore.Defect.DELETE_KEEPS_DATA);
    }
  }

  static final class DeleteDoesNothing extends BrokenStoreAdoption {
    DeleteDoesNothing() {
      super(BrokenStore.Defect.DELETE_DOES_NOTHING);
    }
  }

  /** A correct version of the same store, to show the failures come from the defects. */
  static final class Correct extends SecretStoreContract<BrokenStore> {
    @Override
    protected BrokenStore createStore() {
      return new BrokenStore(null);
    }

    @Override
    protected boolean softDelete(BrokenStore store, String application) {
      store.softDelete(application);
      return true;
    }
  }

  /** A source that hands out everything it holds, asked for or not. */
  static final class SourceReturningUnrequested extends SecretSourceContract {
    @Override
    protected SecretSource createSource(SourceFixture fixture) {
      InMemorySecretSource correct = InMemorySources.serving(fixture);
      return new SecretSource() {
        @Override
        public String describe() {
          return "greedy";
        }

        @Override
        public StaticSecrets fetch(StaticSecretsRequest request) {
          StaticSecrets.Builder out = StaticSecrets.builder();
          StaticSecrets base = correct.fetch(request);
          for (Map.Entry<SecretRef, SecretValue> e : fixture.values().entrySet()) {
            out.value(e.getKey(), e.getValue());
          }
          base.oidcClients().forEach(out::oidcClient);
          out.pullSecret(base.pullSecret().orElse(null));
          out.vaultWriteToken(base.vaultWriteToken().orElse(null));
          return out.build();
        }
      };
    }
  }

  /** A generator that draws from java.util.Random instead of the injected source. */
  static final class GeneratorIgnoringInjectedRandom extends SecretGeneratorContract {
    @Override
    protected SecretGenerator createGenerator() {
      return new TestGenerators.UtilRandomToken();
    }
  }

  /** A correct generator, registered through ServiceLoader in the test resources. */
  static final class CorrectGenerator extends SecretGeneratorContract {
    @Override
    protected SecretGenerator createGenerator() {
      return new TestGenerators.HexToken();
    }
  }
}
