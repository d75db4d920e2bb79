package dev.phalanx.secrets.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every code example in the javadoc of the library modules compiles (issue 10 §4): each {@code
 * <pre>{@code ...}</pre>} block of their main sources is extracted and compiled with the JDK's
 * compiler against this module's test class path, which holds every library module.
 *
 * <p>An example is compiled in the first of three forms that fits it: statements (the body of a
 * method), members (the body of a class), or a whole compilation unit (it declares a class). It
 * sees the imports of the file it is written in, that file's package, and every package of the
 * library modules, {@code java.util}, {@code java.nio.file}, {@code java.time}, {@code java.io},
 * SLF4J and JUnit 5 on demand. An example that uses values it does not create names them in a first
 * line {@code // with: Type name, Type name}, which become the method's parameters. An example that
 * compiles in none of the forms fails the test, with the compiler's messages for each.
 */
@DisplayName("Javadoc code examples compile")
class JavadocExamplesTest {

  static final List<String> LIBRARY_MODULES =
      List.of(
          "secrets-core",
          "secrets-generators",
          "secrets-vault",
          "secrets-onepassword",
          "secrets-testkit");

  private static final Pattern BLOCK =
      Pattern.compile("<pre>\\{@code\\n(.*?)\\n\\s*\\*?\\s*}</pre>", Pattern.DOTALL);
  private static final Pattern IMPORT = Pattern.compile("(?m)^import [\\w.*]+;$");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);$");
  private static final Pattern WITH = Pattern.compile("^//\\s*with:\\s*(.*)$");

  static final List<String> COMMON_IMPORTS =
      List.of(
          "java.util.*",
          "java.nio.file.*",
          "java.time.*",
          "java.io.*",
          "org.slf4j.*",
          "org.junit.jupiter.api.*",
          "org.junit.jupiter.api.extension.*",
          "org.junit.jupiter.api.io.*");

  /** One example: where it is, its code, and what it may use. */
  record Example(Path file, int line, String code, String packageName, List<String> imports) {
    String where() {
      return file + ":" + line;
    }
  }

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("secrets-core")) ? here : here.getParent();
  }

  static List<Path> sources(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String module : LIBRARY_MODULES) {
      Path main = root.resolve(module).resolve("src/main/java");
      assertThat(main).as("main sources of %s", module).isDirectory();
      try (Stream<Path> files = Files.walk(main)) {
        files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /** Every package of the library modules: the directories that hold a Java source. */
  static TreeSet<String> libraryPackages(Path root, List<Path> sources) {
    TreeSet<String> packages = new TreeSet<>();
    for (Path file : sources) {
      for (String module : LIBRARY_MODULES) {
        Path main = root.resolve(module).resolve("src/main/java");
        if (file.startsWith(main)) {
          packages.add(
              main.relativize(file.getParent()).toString().replace(File.separatorChar, '.'));
        }
      }
    }
    return packages;
  }

  static List<Example> examples(Path file, String text) {
    List<Example> out = new ArrayList<>();
    Matcher pkg = PACKAGE.matcher(text);
    String packageName = pkg.find() ? pkg.group(1) : "";
    List<String> imports = new ArrayList<>();
    Matcher imp = IMPORT.matcher(text);
    while (imp.find()) {
      imports.add(imp.group());
    }
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
      String code =
          m.group(1)
              .lines()
              .map(l -> l.replaceFirst("^\\s*\\* ?", ""))
              .collect(Collectors.joining("\n"));
      // Javadoc writes '@' and '*/' as entities inside {@code}; the compiler wants the characters.
      code = code.replace("&#64;", "@").replace("*&#47;", "*/");
      out.add(new Example(file, line, code, packageName, imports));
    }
    return out;
  }

  /** The three forms of an example, as compilation units named {@code Example}. */
  static List<String> forms(Example example, TreeSet<String> packages) {
    StringBuilder header = new StringBuilder();
    header.append("package dev.phalanx.secrets.tests.javadoc;\n");
    for (String i : example.imports()) {
      header.append(i).append('\n');
    }
    if (!example.packageName().isEmpty()) {
      header.append("import ").append(example.packageName()).append(".*;\n");
    }
    for (String p : packages) {
      header.append("import ").append(p).append(".*;\n");
    }
    for (String p : COMMON_IMPORTS) {
      header.append("import ").append(p).append(";\n");
    }
    String code = example.code();
    String parameters = "";
    List<String> lines = code.lines().collect(Collectors.toList());
    if (!lines.isEmpty()) {
      Matcher with = WITH.matcher(lines.get(0).strip());
      if (with.matches()) {
        StringBuilder names = new StringBuilder(with.group(1).strip());
        for (int i = 1; i < lines.size() && lines.get(i).strip().startsWith("//"); i++) {
          names.append(' ').append(lines.get(i).strip().substring(2).strip());
        }
        parameters = names.toString();
      }
    }
    String statements =
        header
            + "@SuppressWarnings(\"all\")\nclass Example {\n  void example("
            + parameters
            + ") throws Exception {\n"
            + code
            + "\n  }\n}\n";
    String members =
        header + "@SuppressWarnings(\"all\")\nabstract class Example {\n" + code + "\n}\n";
    String unit = header + code + "\n";
    return List.of(statements, members, unit);
  }

  /** The compiler's errors, empty when the unit compiles. */
  static List<String> compile(JavaCompiler compiler, String unit, Path out) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject source =
        new SimpleJavaFileObject(URI.create("string:///Example.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return unit;
          }
        };
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
      List<String> options =
          List.of("-proc:none", "--release", "17", "-classpath", classPath, "-d", out.toString());
      Boolean ok =
          compiler
              .getTask(new StringWriter(), files, diagnostics, options, null, List.of(source))
              .call();
      if (ok) {
        return List.of();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  /** Null when the example compiles in one of its forms, else every form's errors. */
  static String check(JavaCompiler compiler, Example example, TreeSet<String> packages, Path out) {
    StringBuilder failures = new StringBuilder();
    String[] names = {"statements", "members", "compilation unit"};
    List<String> forms = forms(example, packages);
    for (int i = 0; i < forms.size(); i++) {
      List<String> errors = compile(compiler, forms.get(i), out);
      if (errors.isEmpty()) {
        return null;
      }
      failures.append("  as ").append(names[i]).append(":\n");
      errors.stream().limit(5).forEach(e -> failures.append("    ").append(e).append('\n'));
    }
    return example.where() + "\n" + example.code() + "\n" + failures;
  }

  @Test
  @DisplayName("every <pre>{@code ...}</pre> block of the library modules' main sources compiles")
  void everyExampleCompiles() throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("the JDK's compiler").isNotNull();
    Path root = root();
    List<Path> sources = sources(root);
    TreeSet<String> packages = libraryPackages(root, sources);
    List<Example> examples = new ArrayList<>();
    for (Path file : sources) {
      examples.addAll(examples(root.relativize(file), Files.readString(file)));
    }
    assertThat(examples).as("examples found").hasSizeGreaterThan(10);
    Path out = Files.createTempDirectory("javadoc-examples");
    List<String> failures = new ArrayList<>();
    for (Example example : examples) {
      String failure = check(compiler, example, packages, out);
      if (failure != null) {
        failures.add(failure);
      }
    }
    assertThat(failures)
        .as("javadoc examples that do not compile (of %d)", examples.size())
        .isEmpty();
  }

  @Test
  @DisplayName("the check fails on an example that does not compile, and passes a good one")
  void theCheckCanFail() throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path root = root();
    TreeSet<String> packages = libraryPackages(root, sources(root));
    Path out = Files.createTempDirectory("javadoc-examples");
    String good =
        "/**\n * <pre>{@code\n * // with: String name\n * SecretRef ref = SecretRef.of(name, \"key\");\n"
            + " * }</pre>\n */\n";
    String bad =
        "/**\n * <pre>{@code\n * SecretRef ref = SecretRef.noSuchMethod(\"a/b\");\n * }</pre>\n"
            + " */\n";
    String text = "package dev.phalanx.secrets;\n\n" + good + bad + "class X {}\n";
    List<Example> found = examples(Path.of("X.java"), text);
    assertThat(found).hasSize(2);
    assertThat(check(compiler, found.get(0), packages, out)).isNull();
    assertThat(check(compiler, found.get(1), packages, out))
        .contains("X.java:10")
        .contains("noSuchMethod");
  }
}
