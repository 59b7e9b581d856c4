package io.spike.nexus.secrets;

import io.spike.api.wire.SecretVersionsRequest;
import io.spike.identity.SpiffeId;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/store/secrets?action=undelete}: restores soft-deleted versions; needs {@code write} on
 * the path.
 */
public final class UndeleteSecretRoute implements Route<SecretVersionsRequest> {
  private final Secrets secrets;
  private final Guard<SecretVersionsRequest> guard;

  public UndeleteSecretRoute(Secrets secrets, Authorizer authorizer) {
    this.secrets = secrets;
    this.guard = authorizer.guard(SecretVersionsRequest::path, Permission.WRITE);
  }

  @Override
  public Class<SecretVersionsRequest> requestType() {
    return SecretVersionsRequest.class;
  }

  @Override
  public Guard<SecretVersionsRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, SecretVersionsRequest request) {
    secrets.undelete(request.path(), request.versions());
    return Reply.EMPTY;
  }
}
