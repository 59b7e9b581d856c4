package io.spike.nexus.http;

import io.spike.api.ErrorCode;
import io.spike.api.Json;
import io.spike.api.wire.ErrorResponse;
import io.spike.nexus.barrier.SealedException;
import io.spike.nexus.barrier.TamperedRecordException;
import io.spike.store.StoreException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become API errors.
 *
 * <ul>
 *   <li>{@link ApiError}: its own code, status and message;</li>
 *   <li>{@link Json.JsonException}: 400 {@code api_bad_request} (its message never echoes input);</li>
 *   <li>{@link SealedException}: 503 {@code state_not_ready};</li>
 *   <li>{@link TamperedRecordException}: 500, logged without stack trace (the record is named, not shown);</li>
 *   <li>{@link StoreException} and anything else: 500 {@code api_internal_error}, logged with its stack trace;
 *       the caller sees no detail.</li>
 * </ul>
 * A streamed response that fails after its first bytes have left cannot carry an error any more:
 * {@link #logAborted} logs it and the response is aborted.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  static Reply toReply(Throwable failure, String path, String action) {
    if (failure instanceof ApiError e) {
      return reply(e.code(), e.status(), e.getMessage());
    }
    if (failure instanceof Json.JsonException e) {
      return reply(ErrorCode.BAD_REQUEST, ErrorCode.BAD_REQUEST.status(), e.getMessage());
    }
    if (failure instanceof SealedException) {
      return reply(ErrorCode.NOT_READY, ErrorCode.NOT_READY.status(), "nexus is sealed; waiting for the root key");
    }
    if (failure instanceof TamperedRecordException e) {
      LOG.error("{}?action={}: {}", path, action, e.getMessage());
      return reply(ErrorCode.INTERNAL, ErrorCode.INTERNAL.status(), "a stored record failed its integrity check");
    }
    if (failure instanceof StoreException e) {
      LOG.error("{}?action={}: backing store failed", path, action, e);
      return reply(ErrorCode.INTERNAL, ErrorCode.INTERNAL.status(), "backing store failed");
    }
    LOG.error("{}?action={}: unexpected failure", path, action, failure);
    return reply(ErrorCode.INTERNAL, ErrorCode.INTERNAL.status(), null);
  }

  /** The answer to a request whose audit line could not be written. */
  static Reply auditFailed() {
    return reply(ErrorCode.INTERNAL, ErrorCode.INTERNAL.status(), "audit log unavailable");
  }

  /** Logs a failure that aborted a response already under way (a client gone away is no error of ours). */
  static void logAborted(Throwable failure, String path, String action) {
    if (failure instanceof java.io.IOException || failure instanceof java.io.UncheckedIOException) {
      LOG.warn("{}?action={}: the response was aborted mid-body: {}", path, action, failure.getMessage());
    } else {
      LOG.error("{}?action={}: the response was aborted mid-body", path, action, failure);
    }
  }

  private static Reply reply(ErrorCode code, int status, String message) {
    return new Reply(status, Json.encode(new ErrorResponse(code.wire(), Optional.ofNullable(message))));
  }
}
