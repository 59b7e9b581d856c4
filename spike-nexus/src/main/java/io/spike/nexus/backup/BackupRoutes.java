package io.spike.nexus.backup;

import io.spike.api.Routes;
import io.spike.api.wire.Empty;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.TrustRoots;
import io.spike.nexus.barrier.Barrier;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import io.spike.server.pipeline.Upload;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotWriter;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot routes, superuser only, served only while unsealed:
 *
 * <ul>
 *   <li>{@code /v1/operator/snapshot}: {@code {}} → the snapshot file, streamed as {@code
 *       application/octet-stream} with the file name {@link SnapshotWriter#fileName}. The snapshot
 *       is written straight to the response from one consistent read of the store, never built in
 *       memory; a failure mid-stream aborts the response, and the snapshot's trailer lets the
 *       client see that the file is incomplete;
 *   <li>{@code /v1/operator/snapshot?action=verify}: {@link VerifySnapshotRoute}.
 * </ul>
 */
public final class BackupRoutes {
  static final String CONTENT_TYPE = "application/octet-stream";
  private static final Logger LOG = LoggerFactory.getLogger(BackupRoutes.class);

  private BackupRoutes() {}

  /**
   * Adds the snapshot routes to {@code table}.
   *
   * @param maxSnapshotBytes the largest snapshot file {@code ?action=verify} accepts
   */
  public static void register(
      RouteTable.Builder table,
      TrustRoots trust,
      Snapshots snapshots,
      Barrier barrier,
      Clock clock,
      long maxSnapshotBytes) {
    Guard<Object> superuser = Guard.role(Role.SUPERUSER, trust);
    table
        .add(
            Routes.OPERATOR_SNAPSHOT,
            Routes.ACTION_DEFAULT,
            Route.of(
                Empty.class,
                superuser,
                (caller, request) -> snapshot(snapshots, clock.instant(), caller)))
        .add(
            Routes.OPERATOR_SNAPSHOT,
            Routes.ACTION_VERIFY,
            Route.of(
                Upload.class,
                superuser,
                new VerifySnapshotRoute(barrier, maxSnapshotBytes)::handle));
  }

  private static Reply snapshot(Snapshots snapshots, Instant now, SpiffeId caller) {
    String fileName = SnapshotWriter.fileName(now);
    return new Reply.Streamed(
        CONTENT_TYPE,
        fileName,
        out -> {
          SnapshotHeader header = snapshots.write(out, now);
          LOG.info(
              "snapshot {} streamed to {} ({} secrets, {} versions, {} policies)",
              fileName,
              caller,
              header.counts().secrets(),
              header.counts().versions(),
              header.counts().policies());
        });
  }
}
