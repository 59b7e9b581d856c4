package io.spike.nexus.secrets;

import io.spike.api.wire.Empty;
import io.spike.api.wire.SecretListResponse;
import io.spike.identity.SpiffeId;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/store/secrets?action=list}: paths with a live version; needs {@code list} on {@code
 * spike/system/secret}.
 */
public final class ListSecretsRoute implements Route<Empty> {
  private final Secrets secrets;
  private final Guard<Empty> guard;

  public ListSecretsRoute(Secrets secrets, Authorizer authorizer) {
    this.secrets = secrets;
    this.guard = authorizer.guard(Authorizer.SECRET_LIST_PATH, Permission.LIST);
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
    return Reply.json(new SecretListResponse(secrets.list()));
  }
}
