package io.spike.server.pipeline;

import java.util.Optional;

/**
 * The one place where a server turns its domain's exceptions into answers. The pipeline asks it
 * first for every exception a stage or a route throws; what it leaves alone ({@link
 * Optional#empty()}) the pipeline answers itself: an {@link ApiRefusal} with its own code, a JSON
 * decoding error with 400, anything else with 500 {@code api_internal_error}, logged with its stack
 * trace and never shown to the caller.
 */
@FunctionalInterface
public interface FailureMapping {

  /**
   * The answer for {@code failure}, logging what an operator must see.
   *
   * @param where {@code <route>?action=<action>}, safe to log
   */
  Optional<Failure> map(Throwable failure, String where);

  /** Maps nothing. */
  static FailureMapping none() {
    return (failure, where) -> Optional.empty();
  }
}
