package io.spike.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.NopStatusListener;
import io.spike.config.Settings;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLogConfiguratorTest {
  private static final String LEVEL = Settings.LOG_LEVEL.name();
  private static final String ALIAS = Settings.LOG_LEVEL.aliases().get(0);
  private static final ClassLoader NO_TEST_CONFIG = new URLClassLoader(new URL[0], null);

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();
  private final LoggerContext context = new LoggerContext();

  private ExecutionStatus configure(ClassLoader resources) {
    ServerLogConfigurator configurator =
        new ServerLogConfigurator(properties::get, environment::get, resources);
    configurator.setContext(context);
    return configurator.configure(context);
  }

  private Level rootLevel() {
    assertThat(configure(NO_TEST_CONFIG)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel();
  }

  private List<Appender<ILoggingEvent>> rootAppenders() {
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      appenders.add(it.next());
    }
    return appenders;
  }

  @Test
  void configures_oneStderrAppender_thePattern_quietLibraries_andNoStatusOutput() {
    assertThat(rootLevel()).isEqualTo(Level.INFO);
    List<Appender<ILoggingEvent>> appenders = rootAppenders();
    assertThat(appenders).hasSize(1);
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appenders.get(0);
    assertThat(console.isStarted()).isTrue();
    assertThat(console.getTarget()).isEqualTo("System.err");
    PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
    assertThat(encoder.isStarted()).isTrue();
    assertThat(encoder.getPattern())
        .isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg%n");
    for (String name : List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb")) {
      assertThat(context.getLogger(name).getLevel()).as(name).isEqualTo(Level.WARN);
    }
    assertThat(context.getLogger("io.spike").getLevel()).isNull();
    assertThat(context.getStatusManager().getCopyOfStatusListenerList())
        .anyMatch(NopStatusListener.class::isInstance);
  }

  @Test
  void rootLevel_fromSpikeLogLevel_caseInsensitive() {
    environment.put(LEVEL, "debug");
    environment.put(ALIAS, "error");
    assertThat(rootLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void rootLevel_fromTheUpstreamAlias_whenSpikeLogLevelIsUnset() {
    environment.put(ALIAS, "error");
    assertThat(rootLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void rootLevel_systemPropertyBeforeEnvironment_asLogbackSubstitutionDid() {
    environment.put(LEVEL, "error");
    properties.put(LEVEL, "warn");
    assertThat(rootLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void rootLevel_trimmed_off() {
    environment.put(LEVEL, " off ");
    assertThat(rootLevel()).isEqualTo(Level.OFF);
  }

  @Test
  void rootLevel_unknownValue_isDebug_asTheXmlConfigurationRead() {
    environment.put(LEVEL, "verbose");
    assertThat(rootLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void rootLevel_blankValue_leavesLogbacksDefault_asTheXmlConfigurationDid() {
    environment.put(LEVEL, "");
    environment.put(ALIAS, "error");
    assertThat(rootLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void defers_whenAConfigurationFileIsNamed_asTheCliDoes() {
    properties.put("logback.configurationFile", "io/spike/pilot/logback-cli.xml");
    assertThat(configure(NO_TEST_CONFIG)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(rootAppenders()).isEmpty();
  }

  @Test
  void defers_whenATestConfigurationIsOnTheClassPath(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
    try (URLClassLoader tests = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThat(configure(tests)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
    assertThat(rootAppenders()).isEmpty();
  }

  @Test
  void registeredAsAService_whichLogbackRunsBeforeItsXmlConfigurator() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .contains(ServerLogConfigurator.class);
    assertThat(
            ServerLogConfigurator.class
                .getAnnotation(ch.qos.logback.classic.spi.ConfiguratorRank.class)
                .value())
        .isGreaterThan(
            ch.qos.logback.classic.util.DefaultJoranConfigurator.class
                .getAnnotation(ch.qos.logback.classic.spi.ConfiguratorRank.class)
                .value());
  }
}
