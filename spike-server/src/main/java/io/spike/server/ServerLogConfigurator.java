package io.spike.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import io.spike.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one logging configuration of Nexus, the keepers and bootstrap (the distribution shades all
 * modules into one jar), set in code so that Logback never loads its XML configurator (joran, SAX,
 * variable substitution: about 120 classes of a keeper's 5,700). Logback finds it through {@code
 * META-INF/services} and runs it before its own configurators; what it sets is what the former
 * {@code logback.xml} set:
 *
 * <ul>
 *   <li>one {@link ConsoleAppender} on {@code System.err} (CLI output on stdout stays clean), the
 *       pattern {@value #PATTERN};
 *   <li>{@code org.eclipse.jetty}, {@code com.zaxxer.hikari} and {@code org.flywaydb} at WARN;
 *   <li>the root level from {@code SPIKE_LOG_LEVEL}, else upstream SPIKE's {@code
 *       SPIKE_SYSTEM_LOG_LEVEL}, else INFO ({@link io.spike.config.Settings#LOG_LEVEL}), each
 *       looked up as Logback looked up {@code ${...}}: a system property of that name first, then
 *       the environment. The value is read by {@link Level#toLevel(String)} (case-insensitive,
 *       trimmed, an unknown one is DEBUG) and a blank one leaves the root at Logback's DEBUG, as
 *       the XML did;
 *   <li>a {@link NopStatusListener}: Logback prints nothing of its own.
 * </ul>
 *
 * <p>{@code SPIKE_LOG_FORMAT=json} is applied afterwards by {@link LogFormat}. It defers to the
 * next configurator (Logback's XML one) when {@code logback.configurationFile} is set (the CLI with
 * {@code SPIKE_DEBUG} reads its own file that way, and so can an operator) or a {@code
 * logback-test.xml} is on the class path (the modules' tests).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogConfigurator extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg%n";
  static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";
  static final String TEST_CONFIG = "logback-test.xml";
  static final List<String> QUIET =
      List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb");

  private final UnaryOperator<String> properties;
  private final UnaryOperator<String> environment;
  private final ClassLoader resources;

  /** The configurator Logback instantiates: system properties, environment, its class loader. */
  public ServerLogConfigurator() {
    this(System::getProperty, System::getenv, ServerLogConfigurator.class.getClassLoader());
  }

  ServerLogConfigurator(
      UnaryOperator<String> properties, UnaryOperator<String> environment, ClassLoader resources) {
    this.properties = properties;
    this.environment = environment;
    this.resources = resources;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (properties.apply(CONFIG_FILE_PROPERTY) != null
        || resources.getResource(TEST_CONFIG) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    context.getStatusManager().add(new NopStatusListener());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    for (String name : QUIET) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    String level = rootLevel();
    if (!level.isBlank()) {
      root.setLevel(Level.toLevel(level));
    }
    root.addAppender(appender);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The first of the variable and its aliases that is set, else the default. */
  private String rootLevel() {
    List<String> names = new ArrayList<>();
    names.add(Settings.LOG_LEVEL.name());
    names.addAll(Settings.LOG_LEVEL.aliases());
    for (String name : names) {
      String value = properties.apply(name);
      if (value == null) {
        value = environment.apply(name);
      }
      if (value != null) {
        return value;
      }
    }
    return Settings.LOG_LEVEL.defaultValue().orElseThrow();
  }
}
