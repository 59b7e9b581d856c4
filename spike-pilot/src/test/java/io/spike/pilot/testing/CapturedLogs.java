package io.spike.pilot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event, at every level, of SLF4J/Logback and of java.util.logging (which the
 * JDK's HTTP client uses) while open, so a test can grep them for secrets.
 */
public final class CapturedLogs implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level rootLevel = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
  private final java.util.logging.Level julLevel = julRoot.getLevel();
  private final List<String> julLines = new CopyOnWriteArrayList<>();
  private final Handler julHandler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          julLines.add(
              record.getLoggerName()
                  + " "
                  + record.getMessage()
                  + " "
                  + Arrays.toString(record.getParameters())
                  + " "
                  + record.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  public CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.ALL);
    julRoot.setLevel(java.util.logging.Level.ALL);
    julRoot.addHandler(julHandler);
  }

  /** Every captured event as text (message, arguments and exception). */
  public String text() {
    List<String> lines = new ArrayList<>(julLines);
    for (ILoggingEvent e : appender.list) {
      lines.add(
          e.getLoggerName()
              + " "
              + e.getFormattedMessage()
              + " "
              + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()));
    }
    return String.join("\n", lines);
  }

  /** How many events were captured (to show the capture worked when a test expects some). */
  public int count() {
    return julLines.size() + appender.list.size();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(rootLevel);
    julRoot.removeHandler(julHandler);
    julRoot.setLevel(julLevel);
  }
}
