package dev.phalanx.secrets.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The backend package tables of docs/ARCHITECTURE.md ("Backends: Vault and 1Password") are the
 * code's: each package's public and package-private top-level types are exactly the ones listed,
 * and no public or protected member of a public type in those packages has a Jackson type in its
 * signature (issue 10 §3). The public types of secrets-vault are also pinned here, independently of
 * the document: its HTTP client, responses, session and logins are package-private, and no public
 * signature names a type that is not public.
 */
@DisplayName("Vault and 1Password packages: documented types and visibility, no Jackson in the API")
class BackendPackagesTest {

  private static final Pattern ROW =
      Pattern.compile(
          "(?m)^\\| `(dev\\.phalanx\\.secrets\\.[a-z.]+)` \\| ([^|]*) \\| ([^|]*) \\|$");
  private static final Pattern NAME = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");
  private static final Map<String, String> MODULES =
      Map.of(
          "dev.phalanx.secrets.vault", "secrets-vault",
          "dev.phalanx.secrets.onepassword", "secrets-onepassword");

  /** The intended API of secrets-vault: everything else in it is package-private. */
  private static final Set<String> VAULT_API =
      Set.of(
          "dev.phalanx.secrets.vault.VaultSecretStore",
          "dev.phalanx.secrets.vault.VaultSecretStoreProvider",
          "dev.phalanx.secrets.vault.VaultConnection",
          "dev.phalanx.secrets.vault.VaultReply",
          "dev.phalanx.secrets.vault.VaultException",
          "dev.phalanx.secrets.vault.CopyResult",
          "dev.phalanx.secrets.vault.admin.VaultCredentials",
          "dev.phalanx.secrets.vault.admin.CredentialAudit",
          "dev.phalanx.secrets.vault.admin.ReadAppRole",
          "dev.phalanx.secrets.vault.admin.WriteToken");

  /** Transport, response, session and login plumbing of secrets-vault, in package vault. */
  private static final List<String> VAULT_PLUMBING =
      List.of(
          "VaultClient",
          "VaultClientOptions",
          "VaultResponse",
          "ErrorTranslator",
          "TlsSupport",
          "TokenProvider",
          "SessionManager",
          "ClientAuthentication",
          "TokenAuthentication",
          "MountLoginAuthentication",
          "Login",
          "Logins");

  private static Path project;
  private static final Map<String, List<Set<String>>> documented = new LinkedHashMap<>();

  @BeforeAll
  static void read() throws IOException {
    project =
        Stream.of(Path.of(".."), Path.of("."))
            .filter(p -> Files.isRegularFile(p.resolve("docs/ARCHITECTURE.md")))
            .findFirst()
            .orElseThrow()
            .toAbsolutePath()
            .normalize();
    String doc = Files.readString(project.resolve("docs/ARCHITECTURE.md"), StandardCharsets.UTF_8);
    Matcher row = ROW.matcher(doc);
    while (row.find()) {
      documented.put(row.group(1), List.of(names(row.group(2)), names(row.group(3))));
    }
  }

  private static Set<String> names(String cell) {
    Set<String> out = new TreeSet<>();
    Matcher m = NAME.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String module(String packageName) {
    return MODULES.entrySet().stream()
        .filter(e -> packageName.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow();
  }

  /** The packages of the two modules, from their source directories. */
  private static Set<String> packages() throws IOException {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, String> e : MODULES.entrySet()) {
      Path main = project.resolve(e.getValue()).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(main)) {
        files
            .filter(p -> p.toString().endsWith(".java"))
            .map(p -> main.relativize(p.getParent()).toString().replace('/', '.'))
            .forEach(out::add);
      }
    }
    return out;
  }

  private static List<Class<?>> types(String packageName) throws Exception {
    Path dir =
        project
            .resolve(module(packageName))
            .resolve("src/main/java")
            .resolve(packageName.replace('.', '/'));
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().collect(Collectors.toList())) {
        String file = p.getFileName().toString();
        if (file.endsWith(".java") && !file.equals("package-info.java")) {
          out.add(Class.forName(packageName + "." + file.replace(".java", "")));
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("each package's public and package-private types are the documented ones")
  void tablesMatchTheCode() throws Exception {
    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(packages());
    for (Map.Entry<String, List<Set<String>>> e : documented.entrySet()) {
      Set<String> exported = new TreeSet<>();
      Set<String> internal = new TreeSet<>();
      for (Class<?> type : types(e.getKey())) {
        (Modifier.isPublic(type.getModifiers()) ? exported : internal).add(type.getSimpleName());
      }
      assertThat(exported).as("public types of %s", e.getKey()).isEqualTo(e.getValue().get(0));
      assertThat(internal)
          .as("package-private types of %s", e.getKey())
          .isEqualTo(e.getValue().get(1));
    }
  }

  @Test
  @DisplayName(
      "no public or protected signature in secrets-vault or secrets-onepassword has a Jackson type")
  void noJacksonInPublicSignatures() throws Exception {
    List<String> found = new ArrayList<>();
    for (String packageName : packages()) {
      for (Class<?> type : types(packageName)) {
        if (Modifier.isPublic(type.getModifiers())) {
          jackson(type, found);
        }
      }
    }
    assertThat(found).as("Jackson types in public signatures").isEmpty();
  }

  @Test
  @DisplayName("secrets-vault's public types are exactly its API; the plumbing is package-private")
  void vaultPublicTypesAreTheApi() throws Exception {
    Set<String> vaultPackages = new TreeSet<>();
    Set<String> exported = new TreeSet<>();
    for (String packageName : packages()) {
      if (module(packageName).equals("secrets-vault")) {
        vaultPackages.add(packageName);
        for (Class<?> type : types(packageName)) {
          if (Modifier.isPublic(type.getModifiers())) {
            exported.add(type.getName());
          }
        }
      }
    }
    assertThat(vaultPackages)
        .as("packages of secrets-vault (no client or authentication package)")
        .containsExactlyInAnyOrder("dev.phalanx.secrets.vault", "dev.phalanx.secrets.vault.admin");
    assertThat(exported).as("public types of secrets-vault").isEqualTo(new TreeSet<>(VAULT_API));
    for (String name : VAULT_PLUMBING) {
      Class<?> type = Class.forName("dev.phalanx.secrets.vault." + name);
      assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", name).isFalse();
    }
  }

  @Test
  @DisplayName("no public or protected signature in the backends names a non-public project type")
  void noHiddenTypesInPublicSignatures() throws Exception {
    List<String> found = new ArrayList<>();
    for (String packageName : packages()) {
      for (Class<?> type : types(packageName)) {
        if (Modifier.isPublic(type.getModifiers())) {
          signatures(type, (where, t) -> hidden(where, t, found));
        }
      }
    }
    assertThat(found).as("non-public types in public signatures").isEmpty();
  }

  @Test
  @DisplayName("the hidden-type check sees a package-private type in a public signature")
  void theHiddenTypeCheckCanFail() {
    List<String> found = new ArrayList<>();
    signatures(WithHiddenType.class, (where, t) -> hidden(where, t, found));
    assertThat(found).hasSize(1).allMatch(f -> f.contains("Hidden"));
  }

  /**
   * A public type whose API names a package-private one, for {@link #theHiddenTypeCheckCanFail}.
   */
  public static final class WithHiddenType {
    public List<Hidden> hidden() {
      return List.of();
    }

    Hidden packagePrivate() {
      return new Hidden();
    }
  }

  static final class Hidden {}

  /** Records each project class named by {@code t} (type arguments and bounds too) not public. */
  private static void hidden(String where, Type t, List<String> found) {
    if (t instanceof Class<?> c) {
      if (c.isArray()) {
        hidden(where, c.getComponentType(), found);
      } else if (c.getName().startsWith("dev.phalanx.secrets.") && !accessible(c)) {
        found.add(where + ": " + c.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      hidden(where, p.getRawType(), found);
      for (Type a : p.getActualTypeArguments()) {
        hidden(where, a, found);
      }
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        hidden(where, b, found);
      }
      for (Type b : w.getLowerBounds()) {
        hidden(where, b, found);
      }
    } else if (t instanceof GenericArrayType a) {
      hidden(where, a.getGenericComponentType(), found);
    }
  }

  private static boolean accessible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!visible(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  @Test
  @DisplayName("the signature check sees a Jackson type")
  void theCheckCanFail() {
    List<String> found = new ArrayList<>();
    jackson(WithJackson.class, found);
    assertThat(found).hasSize(1).allMatch(f -> f.contains("JsonNode"));
  }

  /** A public type whose API leaks Jackson, for {@link #theCheckCanFail}. */
  public static final class WithJackson {
    public JsonNode body() {
      return MissingNode.getInstance();
    }

    JsonNode packagePrivate() {
      return body();
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void jackson(Class<?> type, List<String> found) {
    signatures(
        type,
        (where, t) -> {
          if (t.getTypeName().contains("com.fasterxml.jackson")) {
            found.add(where + ": " + t.getTypeName());
          }
        });
  }

  /**
   * Passes each type in the public or protected API of {@code type} (supertypes, methods,
   * constructors, fields, visible nested types) to {@code check}, with where it was found.
   */
  private static void signatures(Class<?> type, BiConsumer<String, Type> check) {
    List<Type> types = new ArrayList<>();
    if (type.getGenericSuperclass() != null) {
      types.add(type.getGenericSuperclass());
    }
    types.addAll(Arrays.asList(type.getGenericInterfaces()));
    types.forEach(t -> check.accept(type.getName() + " supertypes", t));
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic()) {
        List<Type> sig = new ArrayList<>(Arrays.asList(m.getGenericParameterTypes()));
        sig.add(m.getGenericReturnType());
        sig.addAll(Arrays.asList(m.getGenericExceptionTypes()));
        sig.forEach(t -> check.accept(type.getName() + "." + m.getName(), t));
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers())) {
        for (Type t : c.getGenericParameterTypes()) {
          check.accept(type.getName() + ".<init>", t);
        }
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers())) {
        check.accept(type.getName() + "." + f.getName(), f.getGenericType());
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      if (visible(nested.getModifiers())) {
        signatures(nested, check);
      }
    }
  }
}
