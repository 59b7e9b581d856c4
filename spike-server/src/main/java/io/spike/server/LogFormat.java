package io.spike.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.spike.config.Environment;
import io.spike.config.Settings;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * {@code SPIKE_LOG_FORMAT}: {@code text} (default, the pattern of {@link ServerLogConfigurator}) or
 * {@code json}: one JSON object per line (logback's {@link JsonEncoder}: {@code timestamp}, {@code
 * level}, {@code threadName}, {@code loggerName}, {@code mdc}, {@code formattedMessage}, {@code
 * throwable}). Switched at start, after Logback is configured: every stream appender of the root
 * logger gets the JSON encoder. The messages are the same either way, so the same rule holds: no
 * secret in any of them.
 */
public final class LogFormat {

  private LogFormat() {}

  /**
   * Applies {@code SPIKE_LOG_FORMAT} as {@code env} holds it.
   *
   * @throws io.spike.config.SettingException for a value other than text or json
   */
  public static void apply(Environment env) {
    apply(env.get(Settings.LOG_FORMAT));
  }

  /**
   * Applies {@code format} (the variable's value; {@code null} or blank is text).
   *
   * @throws io.spike.config.SettingException for a value other than text or json
   */
  public static void apply(String format) {
    String value =
        format == null || format.isBlank() ? "text" : Settings.LOG_FORMAT.parse(format.trim());
    if (value.equals("text")) {
      return;
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithFormattedMessage(true); // the message as the text format prints it
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithContext(false);
        json.start();
        stream.setEncoder(json); // read per event: no restart needed, the stream stays open
      }
    }
  }
}
