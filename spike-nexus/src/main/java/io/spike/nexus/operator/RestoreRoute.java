package io.spike.nexus.operator;

import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.identity.SpiffeId;
import io.spike.nexus.recovery.RestoreOutcome;
import io.spike.nexus.recovery.RestoreSession;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Reply;
import java.util.stream.Collectors;

/**
 * {@code /v1/operator/restore}, registered by {@link OperatorRoutes}: {@code {id, shard:[32 ints]}}
 * → {@code {collected, remaining, restored, wrongShards}}, for the pilot-restore role only, while
 * sealed (unsealed: 409). The shard goes to the {@link RestoreSession}; a set of shards that does
 * not give the root key is 400 {@code api_bad_request} naming the ids (the set is kept). Rate
 * limited per caller; the request's shard is wiped after use.
 */
record RestoreRoute(RestoreSession session, OperatorRateLimit limit) {
  Reply handle(SpiffeId caller, RestoreRequest request) {
    RestoreOutcome outcome;
    try {
      limit.check(caller);
      outcome = session.accept(request.id(), request.shard());
    } finally {
      if (request.shard() != null) {
        request.shard().destroy();
      }
    }
    if (outcome instanceof RestoreOutcome.NeedMoreShards more) {
      return Reply.json(new RestoreResponse(more.collected(), more.remaining(), false));
    }
    if (outcome instanceof RestoreOutcome.Restored restored) {
      return Reply.json(new RestoreResponse(restored.collected(), 0, true, restored.wrongShards()));
    }
    RestoreOutcome.WrongShards wrong = (RestoreOutcome.WrongShards) outcome;
    String ids = wrong.ids().stream().map(String::valueOf).collect(Collectors.joining(", "));
    String howMany =
        wrong.atLeastWrong() == 1
            ? "at least one is wrong"
            : "at least " + wrong.atLeastWrong() + " are wrong";
    throw Refusal.invalid(
        "the shards "
            + ids
            + " do not reconstruct the root key: "
            + howMany
            + "; feed a corrected shard (the same id replaces it) or another shard");
  }
}
