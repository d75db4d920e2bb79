package dev.phalanx.secrets.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ProviderNotFoundException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.StoreConfig;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Provider discovery")
class ProvidersTest {

  @TempDir Path dir;

  /** A class loader whose only store/generator registrations are the given class names. */
  private ClassLoader loaderWith(List<String> stores, List<String> generators) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.write(services.resolve(SecretStoreProvider.class.getName()), stores);
    Files.write(services.resolve(SecretGeneratorProvider.class.getName()), generators);
    return new IsolatedLoader(dir.toUri().toURL(), getClass().getClassLoader());
  }

  /** Resolves services only from the temp directory, classes from the test class path. */
  private static final class IsolatedLoader extends URLClassLoader {
    IsolatedLoader(URL url, ClassLoader parent) {
      super(new URL[] {url}, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.startsWith("META-INF/services/")) {
        return findResources(name);
      }
      return super.getResources(name);
    }
  }

  @Test
  @DisplayName("with no provider, asking for a type says so and lists nothing available")
  void noProvider() throws IOException {
    Providers providers = Providers.builder().classLoader(loaderWith(List.of(), List.of())).build();
    assertThat(providers.stores().types()).isEmpty();
    assertThatThrownBy(() -> providers.stores().get("vault"))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessage("no SecretStore for 'vault'; available: []");
  }

  @Test
  @DisplayName("an unknown type lists the available types")
  void unknownTypeListsAvailable() throws IOException {
    Providers providers =
        Providers.builder()
            .classLoader(loaderWith(List.of(StoreA.class.getName()), List.of()))
            .build();
    assertThat(providers.stores().get("a")).isInstanceOf(StoreA.class);
    assertThatThrownBy(() -> providers.stores().get("b"))
        .hasMessage("no SecretStore for 'b'; available: [a]");
    assertThat(providers.diagnostics()).isEmpty();
  }

  @Test
  @DisplayName("two providers with one key make that key unusable and name both classes")
  void duplicateKeys() throws IOException {
    Providers providers =
        Providers.builder()
            .classLoader(
                loaderWith(List.of(StoreA.class.getName(), OtherStoreA.class.getName()), List.of()))
            .build();
    assertThatThrownBy(() -> providers.stores().get("a"))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining(StoreA.class.getName())
        .hasMessageContaining(OtherStoreA.class.getName());
    assertThat(providers.diagnostics()).singleElement().asString().contains("claim type 'a'");
  }

  @Test
  @DisplayName("a provider that throws is skipped and reported; the others still load")
  void brokenProviderIsSkipped() throws IOException {
    Providers providers =
        Providers.builder()
            .classLoader(
                loaderWith(
                    List.of(
                        ThrowingConstructor.class.getName(),
                        "com.example.DoesNotExist",
                        ThrowingType.class.getName(),
                        StoreA.class.getName()),
                    List.of()))
            .build();
    assertThat(providers.stores().types()).containsExactly("a");
    assertThat(providers.diagnostics())
        .hasSize(3)
        .anySatisfy(d -> assertThat(d).contains("ThrowingConstructor"))
        .anySatisfy(d -> assertThat(d).contains("com.example.DoesNotExist"))
        .anySatisfy(d -> assertThat(d).contains("ThrowingType"));
  }

  @Test
  @DisplayName("an explicitly registered provider wins over a discovered one")
  void explicitOverride() throws IOException {
    OtherStoreA explicit = new OtherStoreA();
    Providers providers =
        Providers.builder()
            .classLoader(loaderWith(List.of(StoreA.class.getName()), List.of()))
            .store(explicit)
            .build();
    assertThat(providers.stores().get("a")).isSameAs(explicit);
    assertThat(providers.diagnostics()).isEmpty();
  }

  @Test
  @DisplayName("generators are created once and served as a catalog")
  void generatorCatalog() throws IOException {
    Providers providers =
        Providers.builder()
            .classLoader(loaderWith(List.of(), List.of(EchoGenerator.class.getName())))
            .build();
    assertThat(providers.types()).containsExactly("echo");
    Optional<SecretGenerator> first = providers.find("echo");
    assertThat(first).isPresent();
    assertThat(providers.find("echo")).containsSame(first.get());
    assertThat(providers.find("nope")).isEmpty();
  }

  @Test
  @DisplayName("discovery can be switched off for fully explicit setups")
  void noDiscovery() {
    Providers providers = Providers.builder().discover(false).store(new StoreA()).build();
    assertThat(providers.stores().types()).containsExactly("a");
    assertThat(providers.generators().types()).isEmpty();
  }

  // Test providers. Public with public no-arg constructors, as ServiceLoader requires.

  public static class StoreA implements SecretStoreProvider {
    @Override
    public String type() {
      return "a";
    }

    @Override
    public SecretStore create(StoreConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  public static class OtherStoreA extends StoreA {}

  public static class ThrowingConstructor extends StoreA {
    public ThrowingConstructor() {
      throw new IllegalStateException("boom");
    }
  }

  public static class ThrowingType extends StoreA {
    @Override
    public String type() {
      throw new IllegalStateException("no type");
    }
  }

  public static class EchoGenerator implements SecretGeneratorProvider, SecretGenerator {
    @Override
    public String type() {
      return "echo";
    }

    @Override
    public SecretGenerator create() {
      return new EchoGenerator();
    }

    @Override
    public SourcePolicy sourcePolicy() {
      return SourcePolicy.REQUIRED;
    }

    @Override
    public SecretValue generate(GenerationContext context) {
      return context.source().orElseThrow();
    }
  }

  static SortedSet<String> sorted(String... s) {
    return new TreeSet<>(List.of(s));
  }
}
