package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One parsed YAML file: its node tree (with line numbers) and its plain Java data, from a single
 * read. Parsing is strict: no duplicate keys, no global tags, nesting at most 64 deep, at most 3
 * MiB, at most 1,000 aliases, and at most 1,000,000 nodes once aliases are expanded (real Helm
 * values use dozens of aliases and merge keys; an alias bomb expands exponentially and is refused
 * before anything walks it).
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
   * Reads and parses a file.
   *
   * @param file the file to read
   * @param display how to name it in messages
   * @return the document, or null when the file does not exist
   * @throws ConfigurationException when it cannot be read or is not acceptable YAML
   */
  static @Nullable YamlDocument read(Path file, Path display) {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ConfigurationException(
            new Problem(
                Location.of(display),
                null,
                "file is " + size + " bytes; the limit is " + MAX_BYTES + " bytes"));
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (NoSuchFileException e) {
      return null;
    } catch (CharacterCodingException e) {
      throw new ConfigurationException(
          new Problem(Location.of(display), null, "file is not valid UTF-8"));
    } catch (IOException e) {
      throw new ConfigurationException(
          new Problem(Location.of(display), null, "cannot read file: " + e.getMessage()));
    }
    return parse(text, display);
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
    ExposedConstructor constructor;
    Yaml yaml;
    try {
      constructor = new ExposedConstructor(loaderOptions());
      yaml = new Yaml(constructor);
    } catch (LinkageError e) {
      throw SnakeYamlSupport.tooOld(e);
    }
    try {
      Node root = yaml.compose(new java.io.StringReader(text));
      if (root == null) {
        return new YamlDocument(display, null, null);
      }
      long expanded = expandedSize(root, new java.util.IdentityHashMap<>());
      if (expanded > MAX_EXPANDED_NODES) {
        throw new ConfigurationException(
            new Problem(
                Location.of(display),
                null,
                "invalid YAML: aliases expand the document to more than "
                    + MAX_EXPANDED_NODES
                    + " nodes (an alias bomb?)"));
      }
      Object data = constructor.construct(root);
      return new YamlDocument(display, root, data);
    } catch (MarkedYAMLException e) {
      throw new ConfigurationException(problemOf(e, display));
    } catch (YAMLException | StackOverflowError e) {
      String message = e instanceof StackOverflowError ? "nesting too deep" : e.getMessage();
      throw new ConfigurationException(
          new Problem(Location.of(display), null, "invalid YAML: " + clean(message)));
    }
  }

  /**
   * A problem naming the line and the parser's complaint, without echoing file content (which may
   * hold secrets).
   */
  private static Problem problemOf(MarkedYAMLException e, Path display) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    int line = mark == null ? 0 : mark.getLine() + 1;
    StringBuilder message = new StringBuilder("invalid YAML: ");
    if (e.getContext() != null) {
      message.append(clean(e.getContext())).append(", ");
    }
    message.append(clean(e.getProblem()));
    return new Problem(new Location(display, line), null, message.toString());
  }

  private static String clean(@Nullable String message) {
    if (message == null) {
      return "unknown error";
    }
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  /** Number of nodes once aliases are expanded, saturating; memoised so it runs in linear time. */
  private static long expandedSize(Node node, java.util.Map<Node, Long> memo) {
    Long known = memo.get(node);
    if (known != null) {
      return known;
    }
    memo.put(node, MAX_EXPANDED_NODES + 1); // a recursive structure counts as too large
    long size = 1;
    if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
      for (org.yaml.snakeyaml.nodes.NodeTuple t : mapping.getValue()) {
        size += expandedSize(t.getKeyNode(), memo) + expandedSize(t.getValueNode(), memo);
        size = Math.min(size, MAX_EXPANDED_NODES + 1);
      }
    } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
      for (Node child : sequence.getValue()) {
        size = Math.min(size + expandedSize(child, memo), MAX_EXPANDED_NODES + 1);
      }
    }
    memo.put(node, size);
    return size;
  }

  /** Line (1-based) where a node starts. */
  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  Location location(Node node) {
    return new Location(display, line(node));
  }

  /** Gives access to construction of an already composed node. */
  static final class ExposedConstructor extends SafeConstructor {
    ExposedConstructor(LoaderOptions options) {
      super(options);
    }

    Object construct(Node node) {
      return constructDocument(node);
    }
  }
}
