package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.server.HttpLayering;
import org.junit.jupiter.api.Test;

/**
 * Only {@code io.spike.nexus.http} knows statuses and error codes: the feature packages register
 * routes and build replies, and throw {@link io.spike.nexus.refusal.Refusal} for what they refuse.
 */
class HttpLayeringTest {

  @Test
  void noClassOutsideHttpMentionsAnHttpErrorType() {
    assertThat(HttpLayering.violations(HttpLayering.mainSources())).isEmpty();
  }

  @Test
  void theScanSeesAnImportAndAFullyQualifiedUse_notAComment() {
    assertThat(HttpLayering.mentionsErrorType("import io.spike.api.ErrorCode;")).isTrue();
    assertThat(HttpLayering.mentionsErrorType("throw new io.spike.server.pipeline.ApiRefusal(c);"))
        .isTrue();
    assertThat(HttpLayering.mentionsErrorType(" * see io.spike.api.ErrorCode")).isFalse();
    assertThat(HttpLayering.mentionsErrorType("import io.spike.api.ErrorCodeTable;")).isFalse();
  }
}
