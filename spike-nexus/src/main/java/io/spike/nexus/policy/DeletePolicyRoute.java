package io.spike.nexus.policy;

import io.spike.api.wire.PolicyIdRequest;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/acl/policy?action=delete}: removes a policy; needs {@code write} on {@code
 * spike/system/acl}.
 */
public final class DeletePolicyRoute implements Route<PolicyIdRequest> {
  private final Policies policies;
  private final Guard<PolicyIdRequest> guard;

  public DeletePolicyRoute(Policies policies, Authorizer authorizer) {
    this.policies = policies;
    this.guard = authorizer.guard(Authorizer.ACL_PATH, Permission.WRITE);
  }

  @Override
  public Class<PolicyIdRequest> requestType() {
    return PolicyIdRequest.class;
  }

  @Override
  public Guard<PolicyIdRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, PolicyIdRequest request) {
    policies.delete(request.id());
    return Reply.EMPTY;
  }
}
