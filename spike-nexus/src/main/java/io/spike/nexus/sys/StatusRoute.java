package io.spike.nexus.sys;

import io.spike.api.wire.Empty;
import io.spike.api.wire.StatusResponse;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import io.spike.nexus.barrier.Barrier;
import io.spike.server.pipeline.Reply;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code /v1/sys/status}, registered by {@link SysRoutes}: seal state, whether the store has a root
 * key at all ({@code initialized}, so bootstrap can refuse to re-seed a live system), Shamir
 * parameters, restore progress, keepers, backend, when the last scheduled backup succeeded, the
 * audit log's anchor as the store records it, and the newest backup proved restorable (when, and
 * which snapshot). Holds no secrets; any SPIFFE ID of the trust domain may ask, sealed or not, but
 * only the superuser and the operator roles (recover, restore) get more than the seal state and
 * {@code initialized}: keeper URLs, backend and audit head tell an attacker where to go next.
 */
record StatusRoute(Barrier barrier, SpikeStore store, StatusSources sources, TrustRoots trust) {
  /** Who sees the details: the superuser and the operator roles. */
  private static final Set<Role> PRIVILEGED =
      EnumSet.of(Role.SUPERUSER, Role.RECOVER, Role.RESTORE);

  Reply handle(SpiffeId caller, Empty request) {
    String state = barrier.isSealed() ? "sealed" : "unsealed";
    boolean initialized = store.system(SystemKey.KEY_CHECK).isPresent();
    if (!PRIVILEGED.contains(trust.roleOf(caller).orElse(null))) {
      return Reply.json(StatusResponse.minimal(state, initialized));
    }
    return Reply.json(
        StatusResponse.detailed(
            state,
            initialized,
            new StatusResponse.Details(
                sources.shares(),
                sources.threshold(),
                sources.restore().get(),
                sources.keepers().get(),
                store.backend(),
                sources.lastBackup().get(),
                sources.auditAnchor().get(),
                sources.lastVerifiedBackup().get())));
  }
}
