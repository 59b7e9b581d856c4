package io.spike.nexus.sys;

import io.spike.api.Routes;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.Empty;
import io.spike.api.wire.StatusResponse;
import io.spike.identity.Role;
import io.spike.nexus.barrier.Barrier;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import io.spike.store.SpikeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The system routes: {@code /v1/sys/status} ({@link StatusRoute}: any SPIFFE ID of the trust
 * domain, sealed or not) and {@code /v1/bootstrap/verify} ({@link BootstrapVerifyRoute}: the
 * bootstrap role, once unsealed).
 */
public final class SysRoutes {
  private SysRoutes() {}

  /**
   * Adds the system routes to {@code table}; the suppliers give the status answer's parts that
   * other features own.
   */
  public static void register(
      RouteTable.Builder table,
      String trustDomain,
      Barrier barrier,
      SpikeStore store,
      int shares,
      int threshold,
      Supplier<List<StatusResponse.Keeper>> keepers,
      Supplier<StatusResponse.Restore> restore,
      Supplier<Optional<Instant>> lastBackup,
      Supplier<Optional<StatusResponse.Audit>> auditAnchor) {
    StatusRoute status =
        new StatusRoute(
            barrier,
            store,
            shares,
            threshold,
            keepers,
            restore,
            lastBackup,
            auditAnchor,
            trustDomain);
    table
        .add(
            Routes.SYS_STATUS,
            Routes.ACTION_DEFAULT,
            Route.whileSealed(Empty.class, Guard.member(trustDomain), status::handle))
        .add(
            Routes.BOOTSTRAP_VERIFY,
            Routes.ACTION_DEFAULT,
            Route.of(
                BootstrapVerifyRequest.class,
                Guard.role(Role.BOOTSTRAP, trustDomain),
                new BootstrapVerifyRoute(barrier)::handle));
  }
}
