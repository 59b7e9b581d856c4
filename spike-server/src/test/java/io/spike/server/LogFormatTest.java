package io.spike.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spike.config.SettingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {

  @Test
  void json_replacesTheEncoder_andALineParsesAsJson() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(root.getLoggerContext());
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(root.getLoggerContext());
    text.setPattern("%level %logger - %msg%n");
    text.start();
    appender.setEncoder(text);
    appender.setOutputStream(captured);
    appender.start();
    Map<OutputStreamAppender<ILoggingEvent>, Encoder<ILoggingEvent>> before = new HashMap<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
        before.put(stream, stream.getEncoder());
      }
    }
    root.addAppender(appender);
    try {
      LogFormat.apply("json");
      LoggerFactory.getLogger(LogFormatTest.class).info("structured {}", "hello");
    } finally {
      root.detachAppender(appender);
      appender.stop();
      before.forEach(OutputStreamAppender::setEncoder);
    }
    String line =
        captured
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("structured hello"))
            .findFirst()
            .orElseThrow();
    JsonNode node = new ObjectMapper().readTree(line);
    assertThat(node.get("level").asText()).isEqualTo("INFO");
    assertThat(node.get("loggerName").asText()).isEqualTo(LogFormatTest.class.getName());
    assertThat(node.get("formattedMessage").asText()).isEqualTo("structured hello");
  }

  @Test
  void text_orUnset_changesNothing_andOtherValuesAreRefused() {
    LogFormat.apply((String) null);
    LogFormat.apply("text");
    assertThatThrownBy(() -> LogFormat.apply("xml"))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_LOG_FORMAT='xml' is not one of text, json");
  }
}
