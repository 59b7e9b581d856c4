package io.spike.nexus.sys;

import io.spike.api.wire.StatusResponse;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /v1/sys/status} reports that other features own, read at each request: the Shamir
 * parameters, the keepers' health, restore progress, the last successful backup, the audit log's
 * anchor and the last verified backup. Holds no secrets.
 */
public record StatusSources(
    int shares,
    int threshold,
    Supplier<List<StatusResponse.Keeper>> keepers,
    Supplier<StatusResponse.Restore> restore,
    Supplier<Optional<Instant>> lastBackup,
    Supplier<Optional<StatusResponse.Audit>> auditAnchor,
    Supplier<Optional<StatusResponse.VerifiedBackup>> lastVerifiedBackup) {

  public StatusSources {
    if (threshold < 1 || shares < threshold) {
      throw new IllegalArgumentException("need 1 <= threshold <= shares");
    }
    Objects.requireNonNull(keepers, "keepers");
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(lastBackup, "lastBackup");
    Objects.requireNonNull(auditAnchor, "auditAnchor");
    Objects.requireNonNull(lastVerifiedBackup, "lastVerifiedBackup");
  }
}
