package io.spike.nexus.policy;

import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.identity.SpiffeId;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/**
 * {@code /v1/acl/policy?action=list}: policies by id and name, optionally filtered by pattern;
 * needs {@code list} on {@code spike/system/acl}.
 */
public final class ListPoliciesRoute implements Route<PolicyListRequest> {
  private final Policies policies;
  private final Guard<PolicyListRequest> guard;

  public ListPoliciesRoute(Policies policies, Authorizer authorizer) {
    this.policies = policies;
    this.guard = authorizer.guard(Authorizer.ACL_PATH, Permission.LIST);
  }

  @Override
  public Class<PolicyListRequest> requestType() {
    return PolicyListRequest.class;
  }

  @Override
  public Guard<PolicyListRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, PolicyListRequest request) {
    return Reply.json(new PolicyListResponse(policies.list(request)));
  }
}
