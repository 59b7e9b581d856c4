package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The one way the tests check an API refusal as a client sees it. */
public final class ApiAssertions {
  private ApiAssertions() {}

  /**
   * Asserts that {@code call} fails with an {@link ApiException} carrying {@code code}, the code's
   * own status, and a message containing every one of {@code messageParts}.
   */
  public static void assertRefused(ThrowingCallable call, ErrorCode code, String... messageParts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
              assertThat(e.status()).isEqualTo(code.status());
              for (String part : messageParts) {
                assertThat(e.getMessage()).contains(part);
              }
            });
  }
}
