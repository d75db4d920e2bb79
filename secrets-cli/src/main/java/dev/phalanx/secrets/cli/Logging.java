package dev.phalanx.secrets.cli;

/**
 * Configures slf4j-simple before the first logger is created: warnings to stderr by default, as
 * {@code warning: MESSAGE} (the format of the warnings commands print, so each warning appears once
 * in one format); everything at debug level with {@code --debug}, with level and logger, and also
 * the HTTP trace (one line per request: method, path, status; never bodies, tokens or secret
 * values) with {@code --trace}; errors only with {@code --quiet}. The library never logs secret
 * values, so debug output is safe to share.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean debug) {
    configure(debug, false, false);
  }

  static void configure(boolean debug, boolean trace, boolean quiet) {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    if (trace || debug) {
      setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
      setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", trace ? "trace" : "debug");
      return;
    }
    // A library either returns a warning or logs it, never both.
    setDefault("org.slf4j.simpleLogger.showShortLogName", "false");
    setDefault("org.slf4j.simpleLogger.showLogName", "false");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "false");
    setDefault("org.slf4j.simpleLogger.warnLevelString", "warning:");
    if (quiet) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    } else {
      setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
