package io.spike.nexus.secrets;

import io.spike.api.wire.SecretGetRequest;
import io.spike.identity.SpiffeId;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/store/secrets/metadata?action=get}: versions and metadata of a secret; needs {@code
 * read} on the path.
 */
public final class SecretMetadataRoute implements Route<SecretGetRequest> {
  private final Secrets secrets;
  private final Guard<SecretGetRequest> guard;

  public SecretMetadataRoute(Secrets secrets, Authorizer authorizer) {
    this.secrets = secrets;
    this.guard = authorizer.guard(SecretGetRequest::path, Permission.READ);
  }

  @Override
  public Class<SecretGetRequest> requestType() {
    return SecretGetRequest.class;
  }

  @Override
  public Guard<SecretGetRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, SecretGetRequest request) {
    return Reply.json(secrets.metadata(request.path()));
  }
}
