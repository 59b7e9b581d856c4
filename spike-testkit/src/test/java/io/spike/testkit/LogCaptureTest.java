package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger("io.spike.testkit.sample");
  private static final java.util.logging.Logger JUL =
      java.util.logging.Logger.getLogger("io.spike.testkit.jul");

  @Test
  void start_capturesLogbackEvents_withLevelLoggerMessageAndThrowable() {
    try (LogCapture logs = LogCapture.start()) {
      LOG.info("hello {}", "world");
      LOG.warn("failed", new IllegalStateException("outer", new RuntimeException("inner-cause")));

      assertThat(logs.lines()).hasSize(2);
      assertThat(logs.lines().get(0)).isEqualTo("INFO io.spike.testkit.sample - hello world");
      assertThat(logs.lines().get(1))
          .startsWith("WARN io.spike.testkit.sample - failed\n")
          .contains("IllegalStateException: outer", "RuntimeException: inner-cause");
      assertThat(logs.events())
          .extracting(e -> e.getLevel())
          .containsExactly(Level.INFO, Level.WARN);
      assertThat(logs.count()).isEqualTo(2);
      assertThat(logs.text()).contains("hello world\nWARN");
    }
  }

  @Test
  void close_stopsCapturing() {
    LogCapture logs = LogCapture.start();
    logs.close();
    LOG.info("after close");
    assertThat(logs.count()).isZero();
  }

  @Test
  void capturesJul_withParametersAndThrowable() {
    try (LogCapture logs = LogCapture.start()) {
      JUL.log(java.util.logging.Level.WARNING, "jul says {0}", new Object[] {"param-value"});
      JUL.log(java.util.logging.Level.SEVERE, "broken", new IllegalArgumentException("why"));

      assertThat(logs.text())
          .contains("WARNING io.spike.testkit.jul - jul says {0} [param-value]")
          .contains("IllegalArgumentException: why");
      assertThat(logs.events()).isEmpty();
    }
  }

  @Test
  void withDebug_lowersOnlyTheNamedLoggers_andRestoresThem() {
    ch.qos.logback.classic.Logger named =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.spike.testkit.debugged");
    Level before = named.getLevel();
    try (LogCapture logs = LogCapture.withDebug("io.spike.testkit.debugged")) {
      LoggerFactory.getLogger("io.spike.testkit.debugged").debug("visible");
      LoggerFactory.getLogger("io.spike.testkit.other").trace("invisible");
      assertThat(logs.text()).contains("visible").doesNotContain("invisible");
    }
    assertThat(named.getLevel()).isEqualTo(before);
  }

  @Test
  void everything_capturesTraceAndJulFinest_andRestoresLevels() {
    java.util.logging.Level julBefore = java.util.logging.Logger.getLogger("").getLevel();
    try (LogCapture logs = LogCapture.everything()) {
      LoggerFactory.getLogger("io.spike.testkit.any").trace("trace-line");
      JUL.finest("finest-line");
      assertThat(logs.text()).contains("TRACE io.spike.testkit.any - trace-line", "finest-line");
    }
    assertThat(java.util.logging.Logger.getLogger("").getLevel()).isEqualTo(julBefore);
    try (LogCapture logs = LogCapture.start()) {
      LoggerFactory.getLogger("io.spike.testkit.any").trace("trace-again");
      assertThat(logs.text()).doesNotContain("trace-again");
    }
  }

  @Test
  void assertNeverContains_passesWhenAbsent_failsNamingTheSecretsPosition() {
    try (LogCapture logs = LogCapture.start()) {
      LOG.info("the password is hunter2");

      logs.assertNeverContains("s3cr3t", "other");
      assertThatThrownBy(() -> logs.assertNeverContains(List.of("absent", "hunter2")))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("secret #1");
      assertThatThrownBy(() -> logs.assertNeverContains(""))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
