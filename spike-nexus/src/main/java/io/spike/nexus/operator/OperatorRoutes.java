package io.spike.nexus.operator;

import io.spike.api.Routes;
import io.spike.api.wire.Empty;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.ReencryptRequest;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.UnsealResponse;
import io.spike.identity.Role;
import io.spike.identity.TrustRoots;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.recovery.RestoreSession;
import io.spike.nexus.recovery.StoredCommitments;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The operator routes, each guarded by one exact role (never policies):
 *
 * <ul>
 *   <li>{@code /v1/operator/recover} (pilot-recover, answers sealed too): {@link RecoverRoute};
 *   <li>{@code /v1/operator/restore} (pilot-restore, sealed only): {@link RestoreRoute};
 *   <li>{@code /v1/operator/verify-shard} (pilot-recover or pilot-restore, sealed too): {@link
 *       VerifyShardRoute};
 *   <li>{@code /v1/operator/unseal} (pilot-restore, sealed only): {@code {password}} → {@code
 *       {restored:true}}, unseals from the password escrow ({@link Escrow#unseal}); rate limited
 *       per caller together with restore;
 *   <li>{@code /v1/operator/escrow} (superuser): {@code {password}} → {@code {}}, stores the root
 *       key wrapped under the password ({@link Escrow#enable});
 *   <li>{@code /v1/operator/rotate} (superuser): {@code {target:"keys"|"root"}} → {@code {}}; a
 *       data-key term or a new root key ({@link KeyRotation}); any other target is refused;
 *   <li>{@code /v1/operator/reencrypt} (superuser): {@code {batch, retire}} → one step of {@link
 *       Reencryption}; the CLI calls it until {@code done}.
 * </ul>
 *
 * A password is copied into a {@code char[]} that is zeroed after use; the JSON string it came in
 * cannot be, but the request body bytes are.
 */
public final class OperatorRoutes {
  static final String TARGET_KEYS = "keys";
  static final String TARGET_ROOT = "root";

  private OperatorRoutes() {}

  /**
   * Adds the operator routes to {@code table}.
   *
   * @param commitments the stored shard commitments (verify-shard, recover)
   * @param shares the number of recovery shards
   * @param threshold how many of them give the root key
   */
  public static void register(
      RouteTable.Builder table,
      TrustRoots trust,
      Barrier barrier,
      OperatorRateLimit limit,
      RestoreSession restore,
      Escrow escrow,
      KeyRotation rotation,
      Reencryption reencryption,
      StoredCommitments commitments,
      int shares,
      int threshold) {
    Guard<Object> superuser = Guard.role(Role.SUPERUSER, trust);
    Guard<Object> restorer = Guard.role(Role.RESTORE, trust);
    table
        .add(
            Routes.OPERATOR_RECOVER,
            Routes.ACTION_DEFAULT,
            Route.whileSealed(
                Empty.class,
                Guard.role(Role.RECOVER, trust),
                new RecoverRoute(barrier, limit, commitments, shares, threshold)::handle))
        .add(
            Routes.OPERATOR_VERIFY_SHARD,
            Routes.ACTION_DEFAULT,
            Route.whileSealed(
                RestoreRequest.class,
                Guard.anyRole(trust, Role.RECOVER, Role.RESTORE),
                new VerifyShardRoute(commitments, limit)::handle))
        .add(
            Routes.OPERATOR_RESTORE,
            Routes.ACTION_DEFAULT,
            Route.whileSealed(
                RestoreRequest.class, restorer, new RestoreRoute(restore, limit)::handle))
        .add(
            Routes.OPERATOR_UNSEAL,
            Routes.ACTION_DEFAULT,
            Route.whileSealed(
                PasswordRequest.class,
                restorer,
                (caller, request) -> {
                  limit.check(caller);
                  if (request.password() != null && request.password().isEmpty()) {
                    throw Refusal.invalid("password is required");
                  }
                  withPassword(request, escrow::unseal);
                  return Reply.json(new UnsealResponse(true));
                }))
        .add(
            Routes.OPERATOR_ESCROW,
            Routes.ACTION_DEFAULT,
            Route.of(
                PasswordRequest.class,
                superuser,
                (caller, request) -> {
                  withPassword(request, escrow::enable);
                  return Reply.EMPTY;
                }))
        .add(
            Routes.OPERATOR_ROTATE,
            Routes.ACTION_DEFAULT,
            Route.of(
                RotateRequest.class,
                superuser,
                (caller, request) -> {
                  rotate(rotation, request.target());
                  return Reply.EMPTY;
                }))
        .add(
            Routes.OPERATOR_REENCRYPT,
            Routes.ACTION_DEFAULT,
            Route.of(
                ReencryptRequest.class,
                superuser,
                (caller, request) -> {
                  int batch =
                      request.batch() == 0 ? ReencryptRequest.DEFAULT_BATCH : request.batch();
                  return Reply.json(reencryption.step(batch, request.retire()));
                }));
  }

  /** Hands the request's password to {@code use} as a {@code char[]} zeroed afterwards. */
  private static void withPassword(PasswordRequest request, Consumer<char[]> use) {
    if (request.password() == null) {
      throw Refusal.invalid("password is required");
    }
    char[] password = request.password().toCharArray();
    try {
      use.accept(password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static void rotate(KeyRotation rotation, String target) {
    if (TARGET_KEYS.equals(target)) {
      rotation.rotateKeys();
    } else if (TARGET_ROOT.equals(target)) {
      rotation.rotateRoot();
    } else {
      throw Refusal.invalid("target must be \"keys\" or \"root\"");
    }
  }
}
