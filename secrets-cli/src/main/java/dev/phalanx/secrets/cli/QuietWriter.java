package dev.phalanx.secrets.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard error under {@code --quiet}: passes error messages (lines starting {@code error:}, the
 * usage hint, a suggestion, and their indented continuation lines) and drops progress, warnings and
 * informational lines.
 */
final class QuietWriter extends Writer {

  private final PrintWriter target;
  private final StringBuilder line = new StringBuilder();
  private boolean passing;

  QuietWriter(PrintWriter target) {
    this.target = target;
  }

  static boolean keeps(String line, boolean previousKept) {
    if (!line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
      return previousKept;
    }
    return line.startsWith("error")
        || line.startsWith("Try '")
        || line.startsWith("Did you mean")
        || line.startsWith("Usage:");
  }

  @Override
  public void write(char[] buffer, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      line.append(c);
      if (c == '\n') {
        emit();
      }
    }
  }

  private void emit() {
    String text = line.toString();
    line.setLength(0);
    passing = keeps(text, passing);
    if (passing) {
      target.write(text);
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public void close() {
    if (line.length() > 0) {
      emit();
    }
    target.flush();
  }
}
