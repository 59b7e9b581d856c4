package io.spike.nexus.backup;

import io.spike.api.wire.Empty;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotWriter;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/operator/snapshot}: {@code {}} → the snapshot file, streamed as {@code
 * application/octet-stream} with the file name {@link SnapshotWriter#fileName}; superuser only,
 * unsealed only (503 while sealed). The snapshot is written straight to the response from one
 * consistent read of the store, never built in memory; a failure mid-stream aborts the response,
 * and the snapshot's trailer lets the client see that the file is incomplete.
 */
public final class SnapshotRoute implements Route<Empty> {
  static final String CONTENT_TYPE = "application/octet-stream";
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRoute.class);

  private final Snapshots snapshots;
  private final Clock clock;
  private final Guard<Empty> guard;

  public SnapshotRoute(Snapshots snapshots, Clock clock, String trustDomain) {
    this.snapshots = snapshots;
    this.clock = clock;
    this.guard = Guard.role(Role.SUPERUSER, trustDomain);
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
  public Reply handle(SpiffeId caller, Empty request) {
    Instant now = clock.instant();
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
