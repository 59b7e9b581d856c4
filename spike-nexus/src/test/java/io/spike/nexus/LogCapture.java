package io.spike.nexus;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of the JVM while open (root logger), for assertions on log text. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Every event as {@code LEVEL logger - message} plus its stack trace, if any. */
  public synchronized List<String> lines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      String line =
          event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
      if (event.getThrowableProxy() != null) {
        line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      out.add(line);
    }
    return out;
  }

  /** All lines joined, for {@code contains} checks. */
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
