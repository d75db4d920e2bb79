package dev.phalanx.secrets.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs each kit against deliberately wrong implementations through the JUnit Platform Launcher and
 * checks that the kit fails the right tests, and that correct implementations pass.
 */
class KitsCatchBrokenImplementationsTest {

  private static KitRunner.Outcome broken(Class<?> adoption, String... expectedFailures) {
    KitRunner.Outcome outcome = KitRunner.run(adoption);
    assertThat(outcome.failed())
        .as("failed tests of %s", adoption.getSimpleName())
        .contains(expectedFailures);
    assertThat(outcome.passed()).as("the rest of the kit still runs").isNotEmpty();
    return outcome;
  }

  private static void correct(Class<?> adoption) {
    KitRunner.Outcome outcome = KitRunner.run(adoption);
    assertThat(outcome.failed()).as("failed tests of %s", adoption.getSimpleName()).isEmpty();
    assertThat(outcome.passed()).isNotEmpty();
  }

  @Nested
  @DisplayName("The store kit")
  class StoreKit {

    @Test
    @DisplayName("passes the in-memory store, writable and read-only, and a correct test store")
    void passesCorrectStores() {
      correct(InMemorySecretStoreContractTest.class);
      correct(ReadOnlyInMemorySecretStoreContractTest.class);
      correct(BrokenAdoptions.Correct.class);
    }

    @Test
    @DisplayName("catches a store whose toString() prints values")
    void leakyToString() {
      KitRunner.Outcome outcome =
          broken(
              BrokenAdoptions.LeakyToString.class,
              "toString(), describe() and warnings of the store never contain a value");
      assertThat(outcome.failed()).hasSize(1);
    }

    @Test
    @DisplayName("catches a store whose exceptions quote values")
    void leakyException() {
      broken(
          BrokenAdoptions.LeakyException.class,
          "a refused create-only write never puts a value into the exception",
          "a refused check-and-set write never puts a value into the exception");
    }

    @Test
    @DisplayName("catches a store that claims check-and-set but ignores write conditions")
    void ignoresCas() {
      broken(
          BrokenAdoptions.IgnoresCas.class,
          "create-only is refused on an existing application, and nothing changes",
          "a write with a stale version is refused, and nothing changes",
          "a write with a version is refused when the application does not exist",
          "a store declared check-and-set refuses a wrong version",
          "after a soft delete, create-only is refused: the application still exists");
    }

    @Test
    @DisplayName("catches a store that forgets the deleted state and its version")
    void forgetsDeleted() {
      broken(
          BrokenAdoptions.ForgetsDeleted.class,
          "a soft-deleted application reads as DELETED, without data, keeping its version",
          "after a soft delete, a write with the deleted version succeeds",
          "after a soft delete, create-only is refused: the application still exists");
    }

    @Test
    @DisplayName("catches a read-only store that claims to be writable")
    void falselyWritable() {
      broken(
          BrokenAdoptions.FalselyWritable.class,
          "a store declared writable accepts writes and deletes",
          "a written application reads back present, with its data and the version written");
    }

    @Test
    @DisplayName("catches a store whose delete keeps the application live")
    void deleteKeepsData() {
      broken(
          BrokenAdoptions.DeleteDoesNothing.class,
          "delete removes the application, and a later write replacing what is read works",
          "a deleted application is left out of the listing");
    }

    @Test
    @DisplayName("accepts a store whose delete soft-deletes (Vault, as Phalanx does)")
    void softDeletingDeleteIsAccepted() {
      correct(BrokenAdoptions.DeleteKeepsData.class);
    }
  }

  @Nested
  @DisplayName("The source kit")
  class SourceKit {

    @Test
    @DisplayName("passes the in-memory source")
    void passesInMemory() {
      correct(InMemorySecretSourceContractTest.class);
    }

    @Test
    @DisplayName("catches a source that returns values nobody asked for")
    void unrequested() {
      KitRunner.Outcome outcome =
          broken(
              BrokenAdoptions.SourceReturningUnrequested.class,
              "values nobody asked for are left out");
      assertThat(outcome.failed()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("The generator kit")
  class GeneratorKit {

    @Test
    @DisplayName("passes a correct generator")
    void passesCorrect() {
      correct(BrokenAdoptions.CorrectGenerator.class);
    }

    @Test
    @DisplayName("catches a generator that uses java.util.Random instead of the injected source")
    void utilRandom() {
      broken(
          BrokenAdoptions.GeneratorIgnoringInjectedRandom.class,
          "the same seeded random source and fixed clock give the same value",
          "a new generator instance gives the same value for the same seed",
          "the value actually uses the injected random source",
          "one instance generates concurrently, giving the same values as one at a time");
    }
  }
}
