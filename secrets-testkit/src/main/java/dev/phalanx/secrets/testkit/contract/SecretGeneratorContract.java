package dev.phalanx.secrets.testkit.contract;

import static dev.phalanx.secrets.testkit.contract.Canaries.assertNoCanary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link SecretGenerator} implementations. Every generated-secret type,
 * including third-party ones, adopts it once:
 *
 * <pre>{@code
 * @DisplayName("generator 'password'")
 * class PasswordGeneratorContractTest extends SecretGeneratorContract {
 *   @Override
 *   protected SecretGenerator createGenerator() {
 *     return Providers.load().find("password").orElseThrow();
 *   }
 * }
 * }</pre>
 *
 * <p>Types that need a {@code source} (policy {@link SourcePolicy#REQUIRED}) get a canary text by
 * default; override {@link #validSource()} when the source must have a form (a private key for a
 * certificate). Override {@link #configure} to add the options, dependencies or OIDC clients a
 * valid rule of the type has, and {@link #dependsOnRandomness()} to return false for types whose
 * value is a function of their inputs only (e.g. {@code mtime}, {@code oidc-clients}).
 *
 * <p>Every context the kit builds has a fixed clock ({@link TestGenerationContext#NOW}) and a
 * seeded random source, so a generator that uses anything but {@link
 * dev.phalanx.secrets.spi.GenerationContext#random()} and {@link
 * dev.phalanx.secrets.spi.GenerationContext#clock()} fails the determinism tests.
 */
public abstract class SecretGeneratorContract {

  /** For subclasses. */
  protected SecretGeneratorContract() {}

  /**
   * Creates the generator under test; called for every test.
   *
   * @return the generator
   */
  protected abstract SecretGenerator createGenerator();

  /**
   * A source value valid for this type, used when the policy is {@link SourcePolicy#REQUIRED} or
   * {@link SourcePolicy#OPTIONAL}.
   *
   * @return for a REQUIRED type a canary text by default; null (no source) for the others
   */
  protected @Nullable SecretValue validSource() {
    return createGenerator().sourcePolicy() == SourcePolicy.REQUIRED
        ? Canaries.value("generator-source")
        : null;
  }

  /**
   * Adds what a valid rule of this type has besides its source: options, dependencies, OIDC
   * clients. The default adds nothing. Do not set the random source or clock here: the kit does.
   *
   * @param context the builder of a context, with the source already set
   */
  protected void configure(TestGenerationContext.Builder context) {}

  /**
   * Whether the value depends on the random source, so that different seeds give different values.
   *
   * @return true by default; false for types derived only from their inputs
   */
  protected boolean dependsOnRandomness() {
    return true;
  }

  private SecretGenerator generator() {
    return createGenerator();
  }

  /**
   * A valid context for the type with a random stream seeded with {@code seed}.
   *
   * @param seed the seed
   * @return the context
   */
  protected final TestGenerationContext context(long seed) {
    return context(TestGenerationContext.seeded(seed), validSource());
  }

  private TestGenerationContext context(SecureRandom random, @Nullable SecretValue source) {
    TestGenerationContext.Builder builder =
        TestGenerationContext.builder().target("contract-app", "contract-key").source(source);
    configure(builder);
    return builder.random(random).build();
  }

  private static boolean same(SecretValue a, SecretValue b) {
    return a.equals(b);
  }

  /** The type name and its ServiceLoader registration. */
  @Nested
  @DisplayName("Identity")
  class Identity {

    @Test
    @DisplayName("type() is a non-blank name")
    void typeIsNamed() {
      assertThat(generator().type()).isNotBlank();
    }

    @Test
    @DisplayName("the generator is registered through ServiceLoader under its type")
    void registered() {
      SecretGenerator generator = generator();
      Optional<SecretGeneratorProvider> provider =
          Providers.load().generators().find(generator.type());
      assertThat(provider)
          .as("a SecretGeneratorProvider for '%s' in META-INF/services", generator.type())
          .isPresent();
      assertThat(provider.orElseThrow().type()).isEqualTo(generator.type());
      SecretGenerator created = provider.orElseThrow().create();
      assertThat(created.type()).as("type of the provider's generator").isEqualTo(generator.type());
      assertThat(created.getClass()).isEqualTo(generator.getClass());
    }
  }

  /** All randomness and time come from the context. */
  @Nested
  @DisplayName("Determinism")
  class Determinism {

    @Test
    @DisplayName("the same seeded random source and fixed clock give the same value")
    void sameSeedSameValue() {
      SecretGenerator generator = generator();
      SecretValue first = generator.generate(context(42));
      SecretValue second = generator.generate(context(42));
      assertThat(same(first, second))
          .as("two values generated from the same seed and clock are equal")
          .isTrue();
    }

    @Test
    @DisplayName("a new generator instance gives the same value for the same seed")
    void noHiddenState() {
      SecretValue first = generator().generate(context(7));
      generator().generate(context(8));
      SecretValue again = createGenerator().generate(context(7));
      assertThat(same(first, again)).as("value for seed 7 after other generations").isTrue();
    }

    @Test
    @DisplayName("different seeds give different values")
    void differentSeedsDiffer() {
      assumeTrue(dependsOnRandomness(), "the value does not depend on randomness");
      SecretGenerator generator = generator();
      SecretValue a = generator.generate(context(42));
      SecretValue b = generator.generate(context(43));
      assertThat(same(a, b)).as("values generated from seeds 42 and 43 are equal").isFalse();
    }

    @Test
    @DisplayName("the value actually uses the injected random source")
    void usesInjectedRandom() {
      assumeTrue(dependsOnRandomness(), "the value does not depend on randomness");
      CountingRandom random = new CountingRandom(TestGenerationContext.seeded(5));
      generator().generate(context(random, validSource()));
      assertThat(random.used()).as("the injected SecureRandom was used").isTrue();
    }
  }

  /** The declared source policy matches behaviour. */
  @Nested
  @DisplayName("Source policy")
  class Source {

    @Test
    @DisplayName("a type that requires a source fails clearly without one, revealing nothing")
    void requiredSourceMissing() {
      SecretGenerator generator = generator();
      assumeTrue(generator.sourcePolicy() == SourcePolicy.REQUIRED, "the source is not required");
      Throwable thrown =
          catchThrowable(() -> generator.generate(context(TestGenerationContext.seeded(1), null)));
      assertThat(thrown)
          .as("generating without the required source")
          .isInstanceOf(PhalanxSecretsException.class);
      assertThat(thrown.getMessage()).as("the message").isNotBlank();
      assertNoCanary("the exception", thrown);
    }

    @Test
    @DisplayName("a type that forbids a source generates without one")
    void forbiddenSourceNotNeeded() {
      SecretGenerator generator = generator();
      assumeTrue(generator.sourcePolicy() == SourcePolicy.FORBIDDEN, "a source is allowed");
      assertThat(generator.generate(context(TestGenerationContext.seeded(1), null))).isNotNull();
    }
  }

  /** A value just generated is good. */
  @Nested
  @DisplayName("Staleness")
  class Stale {

    @Test
    @DisplayName("a value just generated is not stale for the same inputs")
    void freshValueIsFresh() {
      SecretGenerator generator = generator();
      TestGenerationContext context = context(11);
      SecretValue value = generator.generate(context);
      Staleness verdict = generator.checkStale(value, context);
      assertThat(verdict.stale()).as("verdict on a value just generated").isFalse();
    }

    @Test
    @DisplayName("checking a garbage value never reveals it")
    void garbageNotRevealed() {
      SecretGenerator generator = generator();
      SecretValue garbage = Canaries.value("existing-garbage");
      Throwable thrown = catchThrowable(() -> generator.checkStale(garbage, context(12)));
      if (thrown != null) {
        assertNoCanary("the exception of checkStale", thrown);
        return;
      }
      Staleness verdict = generator.checkStale(garbage, context(12));
      assertNoCanary("the staleness reason", verdict.reason());
    }
  }

  /** Declared options are well-formed and validation is consistent. */
  @Nested
  @DisplayName("Options")
  class Options {

    @Test
    @DisplayName(
        "declared options have unique, non-blank names and descriptions; objects have fields")
    void wellFormed() {
      checkOptions(generator().options(), "");
    }

    private void checkOptions(List<GeneratorOption> options, String prefix) {
      Set<String> names = new HashSet<>();
      for (GeneratorOption option : options) {
        String name = prefix + option.name();
        assertThat(option.name()).as("option name").isNotBlank();
        assertThat(names.add(option.name())).as("option %s declared once", name).isTrue();
        assertThat(option.description()).as("description of %s", name).isNotBlank();
        if (prefix.isEmpty()) {
          assertThat(option.name())
              .as("option %s does not redeclare a rule field", name)
              .isNotIn("type", "source", "if");
        }
        if (option.type() == GeneratorOption.Type.OBJECT) {
          assertThat(option.fields()).as("fields of object option %s", name).isNotEmpty();
          checkOptions(option.fields(), name + ".");
        }
      }
    }

    @Test
    @DisplayName("empty options are valid for a type without required options")
    void emptyOptionsValid() {
      SecretGenerator generator = generator();
      assumeTrue(
          generator.options().stream().noneMatch(GeneratorOption::required),
          "the type has required options");
      assertThat(generator.validate(RuleOptions.empty())).isEmpty();
    }

    @Test
    @DisplayName("the options of a valid rule validate without problems")
    void validOptionsValid() {
      assertThat(generator().validate(context(1).options())).isEmpty();
    }
  }

  /** Generators are stateless and thread-safe. */
  @Nested
  @DisplayName("Thread safety")
  class ThreadSafety {

    @Test
    @DisplayName("one instance generates concurrently, giving the same values as one at a time")
    void concurrentGeneration() throws InterruptedException {
      SecretGenerator generator = generator();
      int count = 8;
      List<SecretValue> sequential = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sequential.add(generator.generate(context(100 + i)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<SecretValue>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          TestGenerationContext context = context(100 + i);
          futures.add(pool.submit(() -> generator.generate(context)));
        }
        for (int i = 0; i < count; i++) {
          SecretValue value;
          try {
            value = futures.get(i).get();
          } catch (ExecutionException e) {
            fail("concurrent generation failed: " + e.getCause().getClass().getName());
            return;
          }
          assertThat(same(value, sequential.get(i)))
              .as("concurrent value %d equals the sequential one", i)
              .isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** A SecureRandom that records whether anything was drawn from it. */
  private static final class CountingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final SecureRandom delegate;
    private volatile boolean used;

    CountingRandom(SecureRandom delegate) {
      this.delegate = delegate;
    }

    boolean used() {
      return used;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      used = true;
      delegate.nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
      used = true;
      return delegate.generateSeed(numBytes);
    }
  }
}
