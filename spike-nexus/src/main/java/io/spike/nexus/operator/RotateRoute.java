package io.spike.nexus.operator;

import io.spike.api.wire.RotateRequest;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/operator/rotate}: {@code {target:"keys"|"root"}} → {@code {}}, superuser only,
 * unsealed only. {@code keys} adds a data-key term, {@code root} replaces the root key ({@link
 * KeyRotation}); any other target is 400.
 */
public final class RotateRoute implements Route<RotateRequest> {
  public static final String TARGET_KEYS = "keys";
  public static final String TARGET_ROOT = "root";

  private final KeyRotation rotation;
  private final Guard<RotateRequest> guard;

  public RotateRoute(KeyRotation rotation, String trustDomain) {
    this.rotation = rotation;
    this.guard = Guard.role(Role.SUPERUSER, trustDomain);
  }

  @Override
  public Class<RotateRequest> requestType() {
    return RotateRequest.class;
  }

  @Override
  public Guard<RotateRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, RotateRequest request) {
    if (TARGET_KEYS.equals(request.target())) {
      rotation.rotateKeys();
    } else if (TARGET_ROOT.equals(request.target())) {
      rotation.rotateRoot();
    } else {
      throw Refusal.invalid("target must be \"keys\" or \"root\"");
    }
    return Reply.EMPTY;
  }
}
