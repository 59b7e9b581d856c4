package io.spike.keeper.http;

import io.spike.api.ErrorCode;
import io.spike.keeper.KeeperRefusal;
import io.spike.server.pipeline.Failure;
import io.spike.server.pipeline.FailureMapping;
import java.util.Optional;

/**
 * The one place where the keeper's refusals become API errors: {@link KeeperRefusal} invalid 400
 * {@code api_bad_request}, not found 404 {@code api_not_found}, conflict 409 {@code
 * state_conflict}, with the refusal's own message. The pipeline answers the rest.
 */
public final class KeeperErrorMapping implements FailureMapping {

  @Override
  public Optional<Failure> map(Throwable failure, String where) {
    if (!(failure instanceof KeeperRefusal refusal)) {
      return Optional.empty();
    }
    ErrorCode code =
        switch (refusal.kind()) {
          case INVALID -> ErrorCode.BAD_REQUEST;
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case CONFLICT -> ErrorCode.CONFLICT;
        };
    return Optional.of(Failure.of(code, refusal.getMessage()));
  }
}
