package io.spike.nexus.policy;

import io.spike.api.Routes;
import io.spike.api.wire.PolicyIdRequest;
import io.spike.api.wire.PolicyIdResponse;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;

/**
 * The policy routes on {@code /v1/acl/policy}, guarded by a permission on {@code spike/system/acl},
 * served only while unsealed: the default action creates or replaces a policy by name ({@code
 * write}), {@code ?action=get} reads one ({@code read}), {@code ?action=delete} removes one ({@code
 * write}), {@code ?action=list} lists them, optionally filtered by pattern ({@code list}).
 */
public final class PolicyRoutes {
  private PolicyRoutes() {}

  /** Adds the policy routes to {@code table}. */
  public static void register(RouteTable.Builder table, Policies policies, Authorizer authorizer) {
    table
        .add(
            Routes.POLICY,
            Routes.ACTION_DEFAULT,
            Route.of(
                PolicyPutRequest.class,
                authorizer.guard(Authorizer.ACL_PATH, Permission.WRITE),
                (caller, request) -> Reply.json(new PolicyIdResponse(policies.put(request)))))
        .add(
            Routes.POLICY,
            Routes.ACTION_GET,
            Route.of(
                PolicyIdRequest.class,
                authorizer.guard(Authorizer.ACL_PATH, Permission.READ),
                (caller, request) -> Reply.json(policies.get(request.id()))))
        .add(
            Routes.POLICY,
            Routes.ACTION_DELETE,
            Route.of(
                PolicyIdRequest.class,
                authorizer.guard(Authorizer.ACL_PATH, Permission.WRITE),
                (caller, request) -> {
                  policies.delete(request.id());
                  return Reply.EMPTY;
                }))
        .add(
            Routes.POLICY,
            Routes.ACTION_LIST,
            Route.of(
                PolicyListRequest.class,
                authorizer.guard(Authorizer.ACL_PATH, Permission.LIST),
                (caller, request) -> Reply.json(new PolicyListResponse(policies.list(request)))));
  }
}
