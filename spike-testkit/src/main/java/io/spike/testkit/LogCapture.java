package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM while open: SLF4J/Logback events at the root logger and
 * {@code java.util.logging} records (which the JDK's HTTP client writes) at the root JUL logger.
 * Tests read the events as text and check that no secret reached the logs.
 *
 * <p>{@link #start()} captures at the levels configured; {@link #withDebug} lowers the named
 * Logback loggers to DEBUG while open; {@link #everything()} lowers both roots to every level.
 * {@link #close()} restores every level it changed and detaches itself. Safe to read while other
 * threads log.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   runSomething();
 *   assertThat(logs.text()).contains("started");
 *   logs.assertNeverContains(password, shardHex);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
  private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
  private final java.util.logging.Level julPrevious = julRoot.getLevel();
  private final boolean julLowered;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Appender appender = new Appender();
  private final Handler julHandler = new JulHandler();

  private LogCapture(Map<String, Level> levels, boolean lowerJul) {
    levels.forEach(
        (name, level) -> {
          Logger logger = (Logger) LoggerFactory.getLogger(name);
          previousLevels.put(logger, logger.getLevel());
          logger.setLevel(level);
        });
    this.julLowered = lowerJul;
    if (lowerJul) {
      julRoot.setLevel(java.util.logging.Level.ALL);
    }
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    julRoot.addHandler(julHandler);
  }

  /** Captures what is logged at the levels already configured. */
  public static LogCapture start() {
    return new LogCapture(Map.of(), false);
  }

  /** Captures what is logged, with the named Logback loggers at DEBUG while open. */
  public static LogCapture withDebug(String... loggers) {
    Map<String, Level> levels = new LinkedHashMap<>();
    for (String name : loggers) {
      levels.put(name, Level.DEBUG);
    }
    return new LogCapture(levels, false);
  }

  /** Captures every event at every level, of Logback and of {@code java.util.logging}. */
  public static LogCapture everything() {
    return new LogCapture(Map.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.ALL), true);
  }

  /** The Logback events captured so far, in order. */
  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Every captured event as one string, in order of arrival: {@code LEVEL logger - message}, then
   * the arguments of a JUL record, then any throwable with its causes and stack trace.
   */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** All lines joined with newlines, for {@code contains} checks. */
  public String text() {
    return String.join("\n", lines());
  }

  /** How many events were captured (to show the capture worked when a test expects some). */
  public int count() {
    return lines.size();
  }

  /**
   * Asserts that no captured line contains any of {@code secrets}; the failure names the secret by
   * its position in the list and the line it was found in.
   *
   * @throws IllegalArgumentException if a secret is empty (every text would contain it)
   */
  public void assertNeverContains(Iterable<String> secrets) {
    List<String> seen = lines();
    int index = 0;
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("secret #" + index + " is empty");
      }
      for (String line : seen) {
        assertThat(line)
            .as("captured log line (secret #%d must not appear)", index)
            .doesNotContain(secret);
      }
      index++;
    }
  }

  /** {@link #assertNeverContains(Iterable)} for a few secrets. */
  public void assertNeverContains(String... secrets) {
    assertNeverContains(Arrays.asList(secrets));
  }

  /** Detaches the capture and restores every level it changed. */
  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    julRoot.removeHandler(julHandler);
    if (julLowered) {
      julRoot.setLevel(julPrevious);
    }
    previousLevels.forEach(Logger::setLevel);
  }

  private static String render(ILoggingEvent event) {
    String line =
        event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
    return line;
  }

  private static String render(LogRecord record) {
    StringBuilder line =
        new StringBuilder()
            .append(record.getLevel())
            .append(' ')
            .append(record.getLoggerName())
            .append(" - ")
            .append(record.getMessage());
    if (record.getParameters() != null) {
      line.append(' ').append(Arrays.toString(record.getParameters()));
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    return line.toString();
  }

  /** Keeps Logback events; {@code doAppend} is synchronized, the lists are copy-on-write. */
  private final class Appender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
      lines.add(render(event));
    }
  }

  /** Keeps {@code java.util.logging} records. */
  private final class JulHandler extends Handler {
    JulHandler() {
      setLevel(java.util.logging.Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      lines.add(render(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
