package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretMetadataGetTest {
  private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2025-01-02T00:00:00Z");
  private static final SecretMetadataResponse METADATA =
      new SecretMetadataResponse(
          Map.of(
              "10", new SecretMetadataResponse.VersionInfo(T2, 10, Optional.empty()),
              "9", new SecretMetadataResponse.VersionInfo(T1, 9, Optional.of(T2))),
          new SecretMetadataResponse.Metadata(10, 9, T1, T2, 10));

  @Test
  void human_listsVersionsInNumericOrder() {
    assertThat(SecretMetadataGet.human("a/b", METADATA))
        .isEqualTo(
            ""
                + "path:            a/b\n"
                + "current version: 10\n"
                + "oldest version:  9\n"
                + "created:         2025-01-01T00:00:00Z\n"
                + "updated:         2025-01-02T00:00:00Z\n"
                + "max versions:    10\n"
                + "versions:\n"
                + "  9  created 2025-01-01T00:00:00Z  deleted 2025-01-02T00:00:00Z\n"
                + "  10  created 2025-01-02T00:00:00Z\n");
  }

  @Test
  void command_callsMetadataGet() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.SECRET_METADATA, "get", 200, FakeServer.json(METADATA))) {
      Cli.Result r = Cli.run(nexus.connector(), "secret", "metadata", "get", "a/b", "-f", "json");

      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("\"currentVersion\" : 10");
    }
  }
}
