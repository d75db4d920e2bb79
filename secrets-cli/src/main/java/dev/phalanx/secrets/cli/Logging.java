package dev.phalanx.secrets.cli;

/**
 * Configures slf4j-simple before the first logger is created: warnings to stderr by default, as
 * {@code warning: MESSAGE}; everything at debug level with {@code --debug}, with level and logger.
 * The library never logs secret values, so debug output is safe to share.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean debug) {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    if (debug) {
      setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
      setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    } else {
      // A logged warning prints as "warning: ...", the format of the warnings commands print, so
      // each warning appears once in one format (a library either returns or logs a warning).
      setDefault("org.slf4j.simpleLogger.showShortLogName", "false");
      setDefault("org.slf4j.simpleLogger.showLogName", "false");
      setDefault("org.slf4j.simpleLogger.levelInBrackets", "false");
      setDefault("org.slf4j.simpleLogger.warnLevelString", "warning:");
      setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
