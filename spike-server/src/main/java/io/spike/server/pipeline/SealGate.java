package io.spike.server.pipeline;

import io.spike.api.ErrorCode;
import java.util.function.BooleanSupplier;

/**
 * Stage 3: while the server is sealed, only routes that {@link Route#servesWhileSealed() serve
 * sealed} answer; the others get 503 {@code state_not_ready}. A keeper is never sealed.
 */
final class SealGate {
  private final BooleanSupplier sealed;
  private final String message;

  /**
   * @param message what the 503 says (e.g. that Nexus waits for its root key)
   */
  SealGate(BooleanSupplier sealed, String message) {
    this.sealed = sealed;
    this.message = message;
  }

  /** A gate that is always open. */
  static SealGate open() {
    return new SealGate(() -> false, "");
  }

  void check(Route<?> route) {
    if (!route.servesWhileSealed() && sealed.getAsBoolean()) {
      throw new ApiRefusal(ErrorCode.NOT_READY, message);
    }
  }
}
