package io.spike.nexus.http;

import io.spike.api.ErrorCode;
import io.spike.nexus.barrier.SealedException;
import io.spike.nexus.barrier.TamperedRecordException;
import io.spike.nexus.ops.StoreCondition;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Failure;
import io.spike.server.pipeline.FailureMapping;
import io.spike.store.StoreException;
import io.spike.store.StoreFullException;
import io.spike.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the exceptions of Nexus's domain become API errors (the pipeline answers the
 * rest: its own refusals, malformed JSON as 400, anything else as 500 without detail).
 *
 * <ul>
 *   <li>{@link Refusal}, by kind: invalid 400 {@code api_bad_request}, not found 404, conflict 409
 *       {@code state_conflict}, unavailable 503 {@code state_not_ready}, too many 429 {@code
 *       api_rate_limited} (with {@code Retry-After}), wrong credential 401 {@code
 *       access_unauthorized}, limit reached 409 {@code state_limit_reached}, too large 413 {@code
 *       api_too_large}; the refusal's own message;
 *   <li>{@link SealedException}: 503 {@code state_not_ready};
 *   <li>{@link TamperedRecordException}: 500, logged without stack trace (the record is named, not
 *       shown);
 *   <li>{@link StoreUnavailableException}: 503 {@code store_unavailable} with {@code Retry-After};
 *       {@link StoreFullException}: 507 {@code store_full} (both also reported to the {@link
 *       StoreCondition} the operations port shows);
 *   <li>any other {@link StoreException}: 500 {@code api_internal_error}, logged with its stack
 *       trace; the caller sees no detail.
 * </ul>
 */
public final class ErrorMapping implements FailureMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  /** How long a client should wait before retrying on an unreachable store. */
  static final Duration STORE_RETRY = Duration.ofSeconds(5);

  private final StoreCondition store;

  public ErrorMapping(StoreCondition store) {
    this.store = store;
  }

  @Override
  public Optional<Failure> map(Throwable failure, String where) {
    if (failure instanceof Refusal refusal) {
      return Optional.of(refusal(refusal));
    }
    if (failure instanceof SealedException) {
      return Optional.of(
          Failure.of(ErrorCode.NOT_READY, "nexus is sealed; waiting for the root key"));
    }
    if (failure instanceof TamperedRecordException e) {
      LOG.error("{}: {}", where, e.getMessage());
      return Optional.of(
          Failure.of(ErrorCode.INTERNAL, "a stored record failed its integrity check"));
    }
    if (failure instanceof StoreUnavailableException e) {
      store.failed(e);
      LOG.warn("{}: the backing store cannot be reached: {}", where, e.getMessage());
      return Optional.of(
          Failure.of(
                  ErrorCode.STORE_UNAVAILABLE,
                  "the backing store cannot be reached; nothing was" + " changed; retry shortly")
              .retryAfter(STORE_RETRY));
    }
    if (failure instanceof StoreFullException e) {
      store.failed(e);
      LOG.error("{}: the backing store is out of space: {}", where, e.getMessage());
      return Optional.of(
          Failure.of(
              ErrorCode.STORE_FULL,
              "the backing store is out of space; the write was not"
                  + " made; reads still work; free space and retry"));
    }
    if (failure instanceof StoreException e) {
      LOG.error("{}: backing store failed", where, e);
      return Optional.of(Failure.of(ErrorCode.INTERNAL, "backing store failed"));
    }
    return Optional.empty();
  }

  static Failure refusal(Refusal refusal) {
    ErrorCode code =
        switch (refusal.kind()) {
          case INVALID -> ErrorCode.BAD_REQUEST;
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case CONFLICT -> ErrorCode.CONFLICT;
          case UNAVAILABLE -> ErrorCode.NOT_READY;
          case TOO_MANY -> ErrorCode.RATE_LIMITED;
          case WRONG_CREDENTIAL -> ErrorCode.UNAUTHORIZED;
          case LIMIT_REACHED -> ErrorCode.LIMIT_REACHED;
          case TOO_LARGE -> ErrorCode.TOO_LARGE;
        };
    Failure answer = Failure.of(code, refusal.getMessage());
    return refusal.retryAfter().map(answer::retryAfter).orElse(answer);
  }
}
