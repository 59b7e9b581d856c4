package io.spike.nexus.policy;

import io.spike.api.wire.PolicyIdResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/acl/policy} (default action): creates or replaces a policy by name; needs {@code
 * write} on {@code spike/system/acl}.
 */
public final class PutPolicyRoute implements Route<PolicyPutRequest> {
  private final Policies policies;
  private final Guard<PolicyPutRequest> guard;

  public PutPolicyRoute(Policies policies, Authorizer authorizer) {
    this.policies = policies;
    this.guard = authorizer.guard(Authorizer.ACL_PATH, Permission.WRITE);
  }

  @Override
  public Class<PolicyPutRequest> requestType() {
    return PolicyPutRequest.class;
  }

  @Override
  public Guard<PolicyPutRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, PolicyPutRequest request) {
    return Reply.json(new PolicyIdResponse(policies.put(request)));
  }
}
