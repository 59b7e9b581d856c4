package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.nexus.refusal.Refusal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The one way the tests check a refusal: as a client sees it, or as Nexus throws it. */
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

  /**
   * Asserts that {@code call} throws a {@link Refusal} of {@code kind} with a message containing
   * every one of {@code messageParts}; returns it for further checks.
   */
  public static Refusal assertRefusal(
      ThrowingCallable call, Refusal.Kind kind, String... messageParts) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(Refusal.class);
    Refusal refusal = (Refusal) thrown;
    assertThat(refusal.kind()).as(refusal.getMessage()).isEqualTo(kind);
    for (String part : messageParts) {
      assertThat(refusal.getMessage()).contains(part);
    }
    return refusal;
  }
}
