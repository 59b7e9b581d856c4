package io.spike.pilot.drill;

import io.spike.api.Routes;
import io.spike.pilot.testing.FakeServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teaches a {@link FakeServer} to serve what {@code SnapshotFixture}'s system holds, as a Nexus
 * restored from it would: apps/web/db with versions 1 (soft-deleted) and 2, apps/api/key with
 * version 1, policy web.
 */
final class FakeNexusData {
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

  private FakeNexusData() {}

  static FakeServer serve(FakeServer nexus) {
    nexus.on(
        Routes.SECRETS, Routes.ACTION_LIST, 200, "{\"keys\":[\"apps/api/key\",\"apps/web/db\"]}");
    nexus.on(
        Routes.SECRET_METADATA,
        Routes.ACTION_GET,
        body ->
            new FakeServer.Answer(
                200,
                body.contains("apps/web/db")
                    ? metadata(
                        "{\"1\":{\"createdTime\":\"2026-11-20T11:00:00Z\",\"version\":1,\"deletedTime\":\"2026-11-20T11:30:00Z\"},"
                            + "\"2\":{\"createdTime\":\"2026-11-20T11:40:00Z\",\"version\":2}}",
                        2)
                    : metadata(
                        "{\"1\":{\"createdTime\":\"2026-11-20T11:00:00Z\",\"version\":1}}", 1)));
    nexus.on(
        Routes.SECRETS,
        Routes.ACTION_GET,
        body -> {
          Matcher m = VERSION.matcher(body);
          int v = m.find() ? Integer.parseInt(m.group(1)) : 0;
          return v == 1 && body.contains("apps/web/db")
              ? new FakeServer.Answer(404, "{\"err\":\"api_not_found\"}")
              : new FakeServer.Answer(200, "{\"data\":{\"pass\":\"x\"},\"version\":" + v + "}");
        });
    nexus.on(
        Routes.POLICY,
        Routes.ACTION_LIST,
        200,
        "{\"policies\":[{\"id\":\"web\",\"name\":\"web\"}]}");
    nexus.on(
        Routes.POLICY,
        Routes.ACTION_GET,
        200,
        "{\"id\":\"web\",\"name\":\"web\",\"spiffeidPattern\":\".*\","
            + "\"pathPattern\":\".*\",\"permissions\":[\"read\"],\"createdAt\":\"2026-11-20T11:00:00Z\"}");
    return nexus;
  }

  private static String metadata(String versions, int current) {
    return "{\"versions\":"
        + versions
        + ",\"metadata\":{\"currentVersion\":"
        + current
        + ",\"oldestVersion\":1,"
        + "\"createdTime\":\"2026-11-20T11:00:00Z\",\"updatedTime\":\"2026-11-20T11:40:00Z\",\"maxVersions\":10}}";
  }
}
