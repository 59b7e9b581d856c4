package io.spike.nexus.secrets;

import io.spike.api.Routes;
import io.spike.api.wire.Empty;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretListResponse;
import io.spike.api.wire.SecretPutRequest;
import io.spike.api.wire.SecretVersionsRequest;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The secret routes, each next to its guard (a policy permission on the secret's path), all served
 * only while unsealed:
 *
 * <ul>
 *   <li>{@code /v1/store/secrets} (default action): a new version; {@code write} on the path;
 *   <li>{@code ?action=get}: one version's values; {@code read} on the path;
 *   <li>{@code ?action=delete} / {@code ?action=undelete}: soft-deletes or restores versions;
 *       {@code write} on the path;
 *   <li>{@code ?action=list}: paths with a live version; {@code list} on {@code
 *       spike/system/secret};
 *   <li>{@code /v1/store/secrets/metadata?action=get}: versions and metadata; {@code read} on the
 *       path.
 * </ul>
 */
public final class SecretRoutes {
  private SecretRoutes() {}

  /** Adds the secret routes to {@code table}. */
  public static void register(RouteTable.Builder table, Secrets secrets, Authorizer authorizer) {
    table
        .add(
            Routes.SECRETS,
            Routes.ACTION_DEFAULT,
            Route.of(
                SecretPutRequest.class,
                authorizer.guard(SecretPutRequest::path, Permission.WRITE),
                (caller, request) -> {
                  secrets.put(request.path(), request.values());
                  return Reply.EMPTY;
                }))
        .add(
            Routes.SECRETS,
            Routes.ACTION_GET,
            Route.of(
                SecretGetRequest.class,
                authorizer.guard(SecretGetRequest::path, Permission.READ),
                (caller, request) -> Reply.json(secrets.get(request.path(), request.version()))))
        .add(Routes.SECRETS, Routes.ACTION_DELETE, versionChange(authorizer, secrets::delete))
        .add(Routes.SECRETS, Routes.ACTION_UNDELETE, versionChange(authorizer, secrets::undelete))
        .add(
            Routes.SECRETS,
            Routes.ACTION_LIST,
            Route.of(
                Empty.class,
                authorizer.guard(Authorizer.SECRET_LIST_PATH, Permission.LIST),
                (caller, request) -> Reply.json(new SecretListResponse(secrets.list()))))
        .add(
            Routes.SECRET_METADATA,
            Routes.ACTION_GET,
            Route.of(
                SecretGetRequest.class,
                authorizer.guard(SecretGetRequest::path, Permission.READ),
                (caller, request) -> Reply.json(secrets.metadata(request.path()))));
  }

  /** Soft-deletes or restores versions; {@code write} on the path. */
  private static Route<SecretVersionsRequest> versionChange(
      Authorizer authorizer, BiConsumer<String, List<Integer>> change) {
    return Route.of(
        SecretVersionsRequest.class,
        authorizer.guard(SecretVersionsRequest::path, Permission.WRITE),
        (caller, request) -> {
          change.accept(request.path(), request.versions());
          return Reply.EMPTY;
        });
  }
}
