package io.spike.identity;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logged (root logger) while open. */
final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Every message, formatted, with any throwable's messages: what could leak. */
  String text() {
    return appender.list.stream()
        .map(
            event -> {
              StringBuilder line =
                  new StringBuilder(event.getLevel() + " " + event.getFormattedMessage());
              for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
              }
              return line.toString();
            })
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
