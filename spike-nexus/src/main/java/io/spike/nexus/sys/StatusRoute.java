package io.spike.nexus.sys;

import io.spike.api.wire.Empty;
import io.spike.api.wire.StatusResponse;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /v1/sys/status}: seal state, whether the store has a root key at all ({@code initialized},
 * so bootstrap can refuse to re-seed a live system), Shamir parameters, restore progress,
 * keepers, backend, when the last scheduled backup succeeded, and the audit log's anchor as the
 * store records it. Holds no secrets; any SPIFFE ID of the trust domain may ask, sealed or not.
 */
public final class StatusRoute implements Route<Empty> {
  private final Barrier barrier;
  private final SpikeStore store;
  private final int shares;
  private final int threshold;
  private final Supplier<List<StatusResponse.Keeper>> keepers;
  private final Supplier<StatusResponse.Restore> restore;
  private final Supplier<Optional<Instant>> lastBackup;
  private final Supplier<Optional<StatusResponse.Audit>> auditAnchor;
  private final Guard<Empty> guard;

  public StatusRoute(Barrier barrier, SpikeStore store, int shares, int threshold,
      Supplier<List<StatusResponse.Keeper>> keepers, Supplier<StatusResponse.Restore> restore,
      Supplier<Optional<Instant>> lastBackup, Supplier<Optional<StatusResponse.Audit>> auditAnchor,
      String trustDomain) {
    this.barrier = barrier;
    this.store = store;
    this.shares = shares;
    this.threshold = threshold;
    this.keepers = keepers;
    this.restore = restore;
    this.lastBackup = lastBackup;
    this.auditAnchor = auditAnchor;
    this.guard = Guard.member(trustDomain);
  }

  @Override
  public Class<Empty> requestType() {
    return Empty.class;
  }

  @Override
  public Guard<Empty> guard() {
    return guard;
  }

  @Override
  public boolean servesWhileSealed() {
    return true;
  }

  @Override
  public Reply handle(SpiffeId caller, Empty request) {
    return Reply.json(new StatusResponse(barrier.isSealed() ? "sealed" : "unsealed",
        store.system(SystemKey.KEY_CHECK).isPresent(), shares, threshold,
        restore.get(), keepers.get(), store.backend(), lastBackup.get(), auditAnchor.get()));
  }
}
