package io.spike.pilot;

import io.spike.config.Environment;
import io.spike.config.Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps library logging off the CLI's output: stdout carries results (often captured by {@code
 * eval} or scripts) and stderr carries one line per error. Logback reads the CLI's own
 * configuration (silent unless {@code SPIKE_DEBUG=1}, then to stderr) instead of a server's, and
 * java.util.logging is silenced the same way; without debug, SLF4J gets its no-op provider, so
 * Logback is not even started. Must run before anything touches a logger.
 */
final class CliLogging {
  static final String CONFIG = "io/spike/pilot/logback-cli.xml";
  static final String SLF4J_PROVIDER = "slf4j.provider";

  private CliLogging() {}

  static void quiet(Map<String, String> env) {
    boolean debug = Environment.of(env).get(Settings.DEBUG);
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", CONFIG);
    }
    System.setProperty("spike.cli.log.level", debug ? "DEBUG" : "OFF");
    if (!debug && System.getProperty(SLF4J_PROVIDER) == null) {
      // Nothing is logged anyway: skip starting Logback (a tenth of a second of every command).
      System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    if (debug) {
      LogManager.getLogManager().reset();
      Logger.getLogger("").setLevel(Level.FINE);
      ConsoleHandler handler = new ConsoleHandler();
      handler.setLevel(Level.FINE);
      Logger.getLogger("").addHandler(handler);
    } else if (System.getProperty(JUL_CONFIG_CLASS) == null
        && System.getProperty("java.util.logging.config.file") == null) {
      // Silenced when first used, if ever: starting java.util.logging here (it reads the JDK's
      // logging.properties) cost every command about 10 ms though most never log through it.
      System.setProperty(JUL_CONFIG_CLASS, Silent.class.getName());
    }
  }

  static final String JUL_CONFIG_CLASS = "java.util.logging.config.class";

  /**
   * The configuration java.util.logging reads when it starts (named by {@code
   * java.util.logging.config.class}): no handler, every level off.
   */
  public static final class Silent {
    /** Called by {@link LogManager} as it starts. */
    public Silent() throws IOException {
      LogManager.getLogManager()
          .readConfiguration(
              new ByteArrayInputStream("handlers=\n.level=OFF\n".getBytes(StandardCharsets.UTF_8)));
    }
  }
}
