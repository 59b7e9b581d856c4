package io.spike.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logged (at DEBUG for the given loggers) while open, as text. */
final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<Logger, Level> previous;

  LogCapture(String... debugLoggers) {
    previous = new HashMap<>();
    for (String name : debugLoggers) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previous.put(logger, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    appender.start();
    root.addAppender(appender);
  }

  /** Every captured line: message, arguments rendered, and any exception's messages. */
  String text() {
    return List.copyOf(appender.list).stream()
        .map(LogCapture::render)
        .collect(Collectors.joining("\n"));
  }

  int size() {
    return appender.list.size();
  }

  private static String render(ILoggingEvent e) {
    StringBuilder s =
        new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
    for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      s.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return s.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    previous.forEach(Logger::setLevel);
  }
}
