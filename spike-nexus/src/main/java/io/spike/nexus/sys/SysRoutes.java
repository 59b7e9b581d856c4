package io.spike.nexus.sys;

import io.spike.api.Routes;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.Empty;
import io.spike.identity.Role;
import io.spike.identity.TrustRoots;
import io.spike.nexus.barrier.Barrier;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import io.spike.store.SpikeStore;

/**
 * The system routes: {@code /v1/sys/status} ({@link StatusRoute}: any SPIFFE ID of the trust
 * domain, sealed or not) and {@code /v1/bootstrap/verify} ({@link BootstrapVerifyRoute}: the
 * bootstrap role, once unsealed).
 */
public final class SysRoutes {
  private SysRoutes() {}

  /** Adds the system routes to {@code table}. */
  public static void register(
      RouteTable.Builder table,
      TrustRoots trust,
      Barrier barrier,
      SpikeStore store,
      StatusSources sources) {
    StatusRoute status = new StatusRoute(barrier, store, sources, trust);
    table
        .add(
            Routes.SYS_STATUS,
            Routes.ACTION_DEFAULT,
            Route.whileSealed(Empty.class, Guard.member(trust), status::handle))
        .add(
            Routes.BOOTSTRAP_VERIFY,
            Routes.ACTION_DEFAULT,
            Route.of(
                BootstrapVerifyRequest.class,
                Guard.role(Role.BOOTSTRAP, trust),
                new BootstrapVerifyRoute(barrier)::handle));
  }
}
