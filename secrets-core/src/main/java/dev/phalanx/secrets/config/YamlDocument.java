package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One parsed YAML file: its node tree (with line numbers) and its plain Java data, from a single
 * read. Parsing is strict: no duplicate keys, no global tags, nesting at most 64 deep, at most 3
 * MiB, at most 1,000 aliases, and at most 1,000,000 nodes once aliases are expanded (real Helm
 * values use dozens of aliases and merge keys; an alias bomb expands exponentially and is refused
 * before anything walks it).
 *
 * <p>Plain scalars resolve as PyYAML's {@code SafeLoader} resolves them (YAML 1.1): {@code 0e0} and
 * {@code 1e5} are strings, {@code 1.0e+5} is a float, {@code yes}/{@code on} are booleans. Every
 * error names the file and the line (and the column when the parser knows it), and never quotes the
 * file's text: static-secrets and store files hold values.
 *
 * @param display the path to show in messages
 * @param root the root node, or null for an empty document
 * @param data the constructed data (maps, lists, scalars), or null for an empty document
 */
record YamlDocument(Path display, @Nullable Node root, @Nullable Object data) {

  /** The largest file accepted, in bytes. */
  static final int MAX_BYTES = 3 * 1024 * 1024;

  static final int MAX_DEPTH = 64;

  static final int MAX_ALIASES = 1000;

  static final long MAX_EXPANDED_NODES = 1_000_000;

  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    // Not setWarnOnDuplicateKeys (SnakeYAML 2.4+): it only matters when duplicates are allowed,
    // and calling it broke SnakeYAML 2.0-2.3 (issue 14 §6).
    return options;
  }

  /**
   * Reads and parses a file. A file that does not exist is absent; a symbolic link whose target
   * does not exist, a directory, a FIFO, a device or an unreadable file is an error (treating them
   * as absent would make {@code sync --delete} delete what the file configures).
   *
   * @param file the file to read
   * @param display how to name it in messages
   * @return the document, or null when the file does not exist
   * @throws ConfigurationException when it cannot be read or is not acceptable YAML
   */
  static @Nullable YamlDocument read(Path file, Path display) {
    byte[] bytes = YamlFiles.readBytes(file, display);
    return bytes == null ? null : parse(YamlFiles.decode(bytes, display), display, false);
  }

  /**
   * Reads and parses a file that holds secret values (a static-secrets file): as {@link #read}, but
   * errors name not even the keys of the file (a flow mapping's keys may be values).
   *
   * @param file the file to read
   * @param display how to name it in messages
   * @return the document, or null when the file does not exist
   * @throws ConfigurationException when it cannot be read or is not acceptable YAML
   */
  static @Nullable YamlDocument readValues(Path file, Path display) {
    byte[] bytes = YamlFiles.readBytes(file, display);
    return bytes == null ? null : parse(YamlFiles.decode(bytes, display), display, true);
  }

  /**
   * Parses YAML text.
   *
   * @param text the text
   * @param display how to name it in messages
   * @return the document
   * @throws ConfigurationException when it is not acceptable YAML
   */
  static YamlDocument parse(String text, Path display) {
    return parse(text, display, false);
  }

  private static YamlDocument parse(String text, Path display, boolean values) {
    ExposedConstructor constructor;
    Composer composer;
    StreamReader reader;
    try {
      LoaderOptions options = loaderOptions();
      constructor = new ExposedConstructor(options);
      reader = new StreamReader(text);
      composer = new Composer(new ParserImpl(reader, options), new PyYamlResolver(), options);
    } catch (LinkageError e) {
      throw SnakeYamlVersion.tooOld(e);
    }
    try {
      Node root = composer.getSingleNode();
      if (root == null) {
        return new YamlDocument(display, null, null);
      }
      // Only an alias ('*') can make a node count twice: without one the tree is counted as is.
      boolean aliases = text.indexOf('*') >= 0;
      long expanded = aliases ? expandedSize(root, new IdentityHashMap<>()) : treeSize(root);
      if (expanded > MAX_EXPANDED_NODES) {
        throw new ConfigurationException(
            new Problem(
                Location.of(display),
                null,
                aliases
                    ? "invalid YAML: aliases expand the document to more than "
                        + MAX_EXPANDED_NODES
                        + " nodes (an alias bomb?)"
                    : "invalid YAML: the document has more than " + MAX_EXPANDED_NODES + " nodes"));
      }
      Object data = constructor.construct(root);
      return new YamlDocument(display, root, data);
    } catch (MarkedYAMLException e) {
      throw new ConfigurationException(YamlErrors.problemOf(e, display, values));
    } catch (ReaderException e) {
      throw new ConfigurationException(
          new Problem(
              YamlErrors.at(display, text, e.getPosition()),
              null,
              String.format(
                  "invalid YAML: character U+%04X is not allowed in a YAML file",
                  e.getCodePoint())));
    } catch (YAMLException | StackOverflowError e) {
      Mark mark = reader.getMark();
      Location where = new Location(display, mark.getLine() + 1, mark.getColumn() + 1);
      throw new ConfigurationException(
          new Problem(where, null, "invalid YAML: " + YamlErrors.limit(e)));
    }
  }

  /** Number of nodes once aliases are expanded, saturating; memoised so it runs in linear time. */
  private static long expandedSize(Node node, Map<Node, Long> memo) {
    Long known = memo.get(node);
    if (known != null) {
      return known;
    }
    memo.put(node, MAX_EXPANDED_NODES + 1); // a recursive structure counts as too large
    long size = 1;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple t : mapping.getValue()) {
        size += expandedSize(t.getKeyNode(), memo) + expandedSize(t.getValueNode(), memo);
        size = Math.min(size, MAX_EXPANDED_NODES + 1);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node child : sequence.getValue()) {
        size = Math.min(size + expandedSize(child, memo), MAX_EXPANDED_NODES + 1);
      }
    }
    memo.put(node, size);
    return size;
  }

  /** Number of nodes of a document without aliases (each node is reached once), saturating. */
  private static long treeSize(Node node) {
    long size = 1;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple t : mapping.getValue()) {
        size += treeSize(t.getKeyNode()) + treeSize(t.getValueNode());
        size = Math.min(size, MAX_EXPANDED_NODES + 1);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node child : sequence.getValue()) {
        size = Math.min(size + treeSize(child), MAX_EXPANDED_NODES + 1);
      }
    }
    return size;
  }

  /** Line (1-based) where a node starts. */
  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  Location location(Node node) {
    return new Location(display, line(node));
  }

  /**
   * PyYAML's implicit resolvers (YAML 1.1 as {@code yaml.SafeLoader} has them), which differ from
   * SnakeYAML's: a float needs a dot and a signed exponent ({@code 0e0} and {@code 1e5} stay
   * strings), an integer may be all underscores after {@code 0b}/{@code 0x}.
   */
  static final class PyYamlResolver extends Resolver {
    static final Pattern PY_FLOAT =
        Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                + "|[-+]?\\.(?:inf|Inf|INF)"
                + "|\\.(?:nan|NaN|NAN))$");
    static final Pattern PY_INT =
        Pattern.compile(
            "^(?:[-+]?0b[0-1_]+"
                + "|[-+]?0[0-7_]+"
                + "|[-+]?(?:0|[1-9][0-9_]*)"
                + "|[-+]?0x[0-9a-fA-F_]+"
                + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    static final Pattern PY_BOOL =
        Pattern.compile(
            "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static final Pattern PY_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern PY_TIMESTAMP =
        Pattern.compile(
            "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");

    /** The first characters some implicit type may start with (the lists below). */
    private static final String TYPED_STARTS = "yYnNtTfFoO-+0123456789.<~\0";

    /** Longer than every boolean ({@code false}) and null ({@code null}) spelling. */
    private static final int LONGEST_WORD = 5;

    /**
     * As SnakeYAML resolves, without running a pattern where none can match: a plain scalar that
     * starts with no typed first character, or a word longer than any boolean or null spelling, is
     * a string (the empty-string null pattern matches nothing else). Most keys and values of a Helm
     * values file are such words, and each pattern run costs a matcher.
     */
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      if (kind == NodeId.scalar && implicit && !value.isEmpty()) {
        char first = value.charAt(0);
        if (TYPED_STARTS.indexOf(first) < 0) {
          return Tag.STR;
        }
        if (value.length() > LONGEST_WORD && "yYnNtTfFoO".indexOf(first) >= 0) {
          return Tag.STR;
        }
      }
      return super.resolve(kind, value, implicit);
    }

    @Override
    protected void addImplicitResolvers() {
      addPyYamlTypes(this);
    }

    /** PyYAML's implicit types, in the order and with the first characters of its resolver.py. */
    static void addPyYamlTypes(Resolver resolver) {
      resolver.addImplicitResolver(Tag.BOOL, PY_BOOL, "yYnNtTfFoO");
      resolver.addImplicitResolver(Tag.FLOAT, PY_FLOAT, "-+0123456789.");
      resolver.addImplicitResolver(Tag.INT, PY_INT, "-+0123456789");
      resolver.addImplicitResolver(Tag.MERGE, MERGE, "<");
      resolver.addImplicitResolver(Tag.NULL, PY_NULL, "~nN\0");
      resolver.addImplicitResolver(Tag.NULL, EMPTY, null);
      resolver.addImplicitResolver(Tag.TIMESTAMP, PY_TIMESTAMP, "0123456789");
    }
  }

  /** A value the constructor could not build, marked with its node's place. */
  static final class ValueException extends ConstructorException {
    private static final long serialVersionUID = 1L;

    ValueException(String problem, @Nullable Mark mark) {
      super(null, null, problem, mark);
    }
  }

  /** Gives access to construction of an already composed node. */
  static final class ExposedConstructor extends SafeConstructor {
    ExposedConstructor(LoaderOptions options) {
      super(options);
      // Not taken from the options by the constructor itself (only by the Yaml facade).
      setAllowDuplicateKeys(options.isAllowDuplicateKeys());
    }

    Object construct(Node node) {
      return constructDocument(node);
    }

    @Override
    protected Object constructObject(Node node) {
      try {
        return super.constructObject(node);
      } catch (YAMLException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ValueException(
            "a "
                + node.getTag().getValue().replace("tag:yaml.org,2002:", "")
                + " value that cannot be read",
            node.getStartMark());
      }
    }
  }
}
