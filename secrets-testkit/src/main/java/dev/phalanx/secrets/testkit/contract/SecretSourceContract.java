package dev.phalanx.secrets.testkit.contract;

import static dev.phalanx.secrets.testkit.contract.Canaries.assertNoCanary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link SecretSource} implementations. The kit defines a {@link
 * SourceFixture}: static values, OIDC clients, a pull secret and a Vault write token. The adopter
 * makes its backend serve exactly that (by writing a file, stubbing a server, filling a vault) and
 * returns a source reading it; the kit then fetches {@link SourceFixture#request()} and checks what
 * comes back.
 *
 * <pre>{@code
 * class FileSecretSourceContractTest extends SecretSourceContract {
 *   @TempDir Path dir;
 *
 *   @Override
 *   protected SecretSource createSource(SourceFixture fixture) throws Exception {
 *     Path file = Files.writeString(dir.resolve("static-secrets.yaml"), fixture.toStaticSecretsYaml());
 *     return Providers.load().sources().get("file").create(SourceConfig.of(file.toString()));
 *   }
 * }
 * }</pre>
 *
 * <p>A 1Password source stubs Connect (e.g. with WireMock) with one item per application and the
 * fixture's values as fields. Every fixture value contains a canary marker: any of them showing up
 * in {@code toString()}, {@code describe()} or a warning fails the kit.
 */
public abstract class SecretSourceContract {

  private final SourceFixture fixture = SourceFixture.standard();
  private @Nullable SecretSource source;

  /** For subclasses. */
  protected SecretSourceContract() {}

  /**
   * Creates a source that serves the fixture: every value of {@link SourceFixture#values()}
   * (including the ones the request does not ask for), the OIDC clients, the pull secret and the
   * Vault write token. Called before every test; the kit closes the source after it.
   *
   * @param fixture what the backend must hold
   * @return a source reading it
   * @throws Exception when the backend cannot be prepared (fails the test)
   */
  protected abstract SecretSource createSource(SourceFixture fixture) throws Exception;

  /**
   * The fixture of the current test.
   *
   * @return the fixture
   */
  protected final SourceFixture fixture() {
    return fixture;
  }

  /**
   * The source under test.
   *
   * @return the source created for the current test
   */
  protected final SecretSource source() {
    SecretSource s = source;
    if (s == null) {
      throw new IllegalStateException("no source: the kit creates one before each test");
    }
    return s;
  }

  @BeforeEach
  final void openSource() throws Exception {
    source = createSource(fixture);
  }

  @AfterEach
  final void closeSource() {
    SecretSource s = source;
    source = null;
    if (s != null) {
      s.close();
    }
  }

  private StaticSecrets fetch() {
    return source().fetch(fixture.request());
  }

  /** Static values: exactly the requested ones the backend has. */
  @Nested
  @DisplayName("Static values")
  class Values {

    @Test
    @DisplayName("every requested value the backend holds is delivered exactly")
    void deliversRequested() {
      StaticSecrets got = fetch();
      List<String> wrong = new ArrayList<>();
      fixture
          .expected()
          .forEach(
              (ref, value) -> {
                if (!got.value(ref).map(value::equals).orElse(false)) {
                  wrong.add(ref.toString());
                }
              });
      assertThat(wrong).as("requested secrets missing or with a wrong value").isEmpty();
    }

    @Test
    @DisplayName("values nobody asked for are left out")
    void leavesOutUnrequested() {
      Set<SecretRef> delivered = new TreeSet<>(fetch().values().keySet());
      delivered.removeAll(fixture.expected().keySet());
      assertThat(delivered).as("delivered but not requested").isEmpty();
    }

    @Test
    @DisplayName("a requested secret the backend lacks is simply absent, not a failure")
    void missingIsAbsent() {
      assertThat(fetch().value(SourceFixture.MISSING)).isEmpty();
    }

    @Test
    @DisplayName("dotted keys and unicode, multi-line and empty values come back exactly")
    void awkwardValues() {
      StaticSecrets got = fetch();
      for (SecretRef ref : SourceFixture.AWKWARD) {
        assertThat(got.value(ref).map(fixture.values().get(ref)::equals))
            .as("value of %s", ref)
            .contains(true);
      }
    }

    @Test
    @DisplayName("fetching twice gives equal results")
    void fetchTwice() {
      StaticSecrets first = fetch();
      StaticSecrets second = fetch();
      assertThat(second.values().keySet()).isEqualTo(first.values().keySet());
      first
          .values()
          .forEach(
              (ref, value) ->
                  assertThat(value.equals(second.values().get(ref)))
                      .as("value of %s", ref)
                      .isTrue());
      assertThat(second.oidcClients()).isEqualTo(first.oidcClients());
      assertThat(second.pullSecret()).isEqualTo(first.pullSecret());
      assertThat(second.vaultWriteToken()).isEqualTo(first.vaultWriteToken());
    }
  }

  /** OIDC clients, pull secret and Vault token. */
  @Nested
  @DisplayName("Environment-wide secrets")
  class EnvironmentWide {

    @Test
    @DisplayName("the OIDC clients are delivered, ordered by name")
    void oidcClients() {
      List<OidcClient> clients = fetch().oidcClients();
      assertThat(clients)
          .extracting(OidcClient::name)
          .containsExactly("alpha-client", "zeta-client");
      for (OidcClient expected : fixture.oidcClients()) {
        OidcClient got =
            clients.stream()
                .filter(c -> c.name().equals(expected.name()))
                .findFirst()
                .orElseThrow();
        assertThat(got.id()).isEqualTo(expected.id());
        assertThat(got.returnUri()).isEqualTo(expected.returnUri());
        assertThat(got.secret().equals(expected.secret()))
            .as("secret of client %s", expected.name())
            .isTrue();
      }
    }

    @Test
    @DisplayName("the pull secret has every registry with its credentials")
    void pullSecret() {
      PullSecret got = fetch().pullSecret().orElseThrow(() -> new AssertionError("no pull secret"));
      assertThat(got.registries().keySet())
          .containsExactlyInAnyOrderElementsOf(fixture.registries().keySet());
      fixture
          .registries()
          .forEach(
              (host, registry) -> {
                PullSecret.Registry r = got.registries().get(host);
                assertThat(r.username()).as("user of %s", host).isEqualTo(registry.username());
                assertThat(r.password().equals(registry.password()))
                    .as("password of %s", host)
                    .isTrue();
              });
    }

    @Test
    @DisplayName("the Vault write token is delivered")
    void vaultToken() {
      SecretValue token =
          fetch().vaultWriteToken().orElseThrow(() -> new AssertionError("no Vault write token"));
      assertThat(token.equals(fixture.vaultWriteToken())).as("the token").isTrue();
    }
  }

  /** Values never show up in text meant for people. */
  @Nested
  @DisplayName("Secret hygiene")
  class Hygiene {

    @Test
    @DisplayName("toString(), describe(), the result and its warnings never contain a value")
    void noValueInText() {
      StaticSecrets got = fetch();
      assertNoCanary("source toString()", source().toString());
      assertNoCanary("source describe()", source().describe());
      assertNoCanary("StaticSecrets toString()", got.toString());
      assertNoCanary("warnings", String.join("\n", got.warnings()));
      assertNoCanary("OIDC clients toString()", got.oidcClients().toString());
      assertNoCanary("pull secret toString()", got.pullSecret().toString());
    }

    @Test
    @DisplayName("describe() is a non-empty description")
    void describes() {
      assertThat(source().describe()).isNotBlank();
    }
  }
}
