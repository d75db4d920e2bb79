package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Reading of the files {@link YamlDocument} parses: only regular files, at most {@code
 * YamlDocument.MAX_BYTES} bytes, strictly UTF-8; every refusal names the file (and the line and
 * column of an invalid byte sequence).
 */
final class YamlFiles {

  private YamlFiles() {}

  /**
   * The bytes of a regular file, refusing anything else before opening it.
   *
   * @return the bytes, or null when nothing (not even a link) is at {@code file}
   */
  static byte @Nullable [] readBytes(Path file, Path display) {
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink()) {
        try {
          attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          throw error(
              display, "is a symbolic link to a file that does not exist (" + target(file) + ")");
        }
      }
      if (attrs.isDirectory()) {
        throw error(display, "is a directory, not a file");
      }
      if (!attrs.isRegularFile()) {
        throw error(
            display, "is not a regular file (a FIFO, socket or device); refusing to read it");
      }
      if (attrs.size() > YamlDocument.MAX_BYTES) {
        throw error(
            display,
            "file is "
                + attrs.size()
                + " bytes; the limit is "
                + YamlDocument.MAX_BYTES
                + " bytes");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(YamlDocument.MAX_BYTES + 1);
      }
      if (bytes.length > YamlDocument.MAX_BYTES) {
        throw error(
            display, "file is larger than the limit of " + YamlDocument.MAX_BYTES + " bytes");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      return null;
    } catch (AccessDeniedException e) {
      throw error(display, "cannot read file: permission denied");
    } catch (IOException e) {
      throw error(display, "cannot read file: " + e.getMessage());
    }
  }

  private static String target(Path link) {
    try {
      return "it points to " + Files.readSymbolicLink(link);
    } catch (IOException | UnsupportedOperationException e) {
      return "its target cannot be read";
    }
  }

  private static ConfigurationException error(Path display, String message) {
    return new ConfigurationException(new Problem(Location.of(display), null, message));
  }

  /** Strict UTF-8 decoding; an invalid sequence is reported with its line and column. */
  static String decode(byte[] bytes, Path display) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
      int column = before.codePointCount(0, before.length()) + 1;
      throw new ConfigurationException(
          new Problem(new Location(display, line, column), null, "file is not valid UTF-8"));
    }
    out.flip();
    return out.toString();
  }
}
