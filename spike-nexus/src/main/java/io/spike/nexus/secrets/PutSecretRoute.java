package io.spike.nexus.secrets;

import io.spike.api.wire.SecretPutRequest;
import io.spike.identity.SpiffeId;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/store/secrets} (default action): a new version of the secret; needs {@code write} on
 * the path.
 */
public final class PutSecretRoute implements Route<SecretPutRequest> {
  private final Secrets secrets;
  private final Guard<SecretPutRequest> guard;

  public PutSecretRoute(Secrets secrets, Authorizer authorizer) {
    this.secrets = secrets;
    this.guard = authorizer.guard(SecretPutRequest::path, Permission.WRITE);
  }

  @Override
  public Class<SecretPutRequest> requestType() {
    return SecretPutRequest.class;
  }

  @Override
  public Guard<SecretPutRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, SecretPutRequest request) {
    secrets.put(request.path(), request.values());
    return Reply.EMPTY;
  }
}
