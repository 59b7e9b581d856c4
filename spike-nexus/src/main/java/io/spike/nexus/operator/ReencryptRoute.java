package io.spike.nexus.operator;

import io.spike.api.wire.ReencryptRequest;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/operator/reencrypt}: {@code {batch, retire}} → {@code {term, scanned, total, moved,
 * done, retiredTerms}}; superuser only, unsealed only. One step of {@link Reencryption}; the CLI
 * calls it until {@code done}.
 */
public final class ReencryptRoute implements Route<ReencryptRequest> {
  private final Reencryption reencryption;
  private final Guard<ReencryptRequest> guard;

  public ReencryptRoute(Reencryption reencryption, String trustDomain) {
    this.reencryption = reencryption;
    this.guard = Guard.role(Role.SUPERUSER, trustDomain);
  }

  @Override
  public Class<ReencryptRequest> requestType() {
    return ReencryptRequest.class;
  }

  @Override
  public Guard<ReencryptRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, ReencryptRequest request) {
    int batch = request.batch() == 0 ? ReencryptRequest.DEFAULT_BATCH : request.batch();
    return Reply.json(reencryption.step(batch, request.retire()));
  }
}
