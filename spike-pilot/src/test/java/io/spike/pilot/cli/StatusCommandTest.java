package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.StatusResponse;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.TestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
  private static final StatusResponse STATUS =
      StatusResponse.detailed(
          "unsealed",
          true,
          new StatusResponse.Details(
              3,
              2,
              new StatusResponse.Restore(0, 2),
              List.of(
                  new StatusResponse.Keeper(
                      1,
                      "https://localhost:8443",
                      true,
                      Optional.of(Instant.parse("2025-01-01T00:00:00Z"))),
                  new StatusResponse.Keeper(2, "https://localhost:8543", false, Optional.empty())),
              "sqlite",
              Optional.empty(),
              Optional.empty()));

  @Test
  void human_showsStateShamirAndKeepers() {
    assertThat(StatusCommand.human(STATUS))
        .isEqualTo(
            ""
                + "state:       unsealed\n"
                + "initialized: yes\n"
                + "shamir:      2 of 3 shares\n"
                + "backend:     sqlite\n"
                + "last backup: never\n"
                + "keepers:\n"
                + "  1  https://localhost:8443  reachable  last contact 2025-01-01T00:00:00Z\n"
                + "  2  https://localhost:8543  unreachable\n");
  }

  @Test
  void aKeeperHoldingAWrongShard_isFlagged() {
    StatusResponse status =
        StatusResponse.detailed(
            "unsealed",
            true,
            new StatusResponse.Details(
                3,
                2,
                new StatusResponse.Restore(0, 2),
                List.of(
                    new StatusResponse.Keeper(
                        3,
                        "https://localhost:8643",
                        true,
                        Optional.empty(),
                        Optional.of("wrong shard"))),
                "sqlite",
                Optional.empty(),
                Optional.empty()));
    assertThat(StatusCommand.human(status))
        .contains("  3  https://localhost:8643  reachable  WRONG SHARD\n");
  }

  @Test
  void json_isTheStatusDocument() throws Exception {
    try (FakeServer nexus = new FakeServer()) {
      nexus.on(Routes.SYS_STATUS, "", 200, FakeServer.json(STATUS));

      Cli.Result r = Cli.run(nexus.connector(), "status", "-f", "json");

      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("\"state\" : \"unsealed\"").contains("\"initialized\" : true");
    }
  }

  @Test
  void sealedWithRestoreProgress_showsIt() {
    StatusResponse sealed =
        TestStatus.of("sealed", true, new StatusResponse.Restore(1, 1), Optional.empty());

    assertThat(StatusCommand.human(sealed))
        .contains("restore:     1 of 2 shards collected\n")
        .contains("keepers:     none");
  }

  @Test
  void restoreInProgress_fromNexus_humanAndJson() throws Exception {
    StatusResponse sealed =
        TestStatus.of(
            "sealed",
            true,
            new StatusResponse.Restore(1, 1),
            Optional.of(new StatusResponse.Audit(7, "ab".repeat(32))));
    try (FakeServer nexus = new FakeServer()) {
      nexus.on(Routes.SYS_STATUS, "", 200, FakeServer.json(sealed));

      Cli.Result human = Cli.run(nexus.connector(), "status");
      Cli.Result json = Cli.run(nexus.connector(), "status", "-f", "json");

      assertThat(human.code()).isZero();
      assertThat(human.out())
          .contains("restore:     1 of 2 shards collected")
          .contains("audit:       7 lines anchored, last " + "ab".repeat(32));
      assertThat(json.code()).isZero();
      assertThat(json.out())
          .containsPattern("\"restore\" : \\{\\s*\"collected\" : 1,\\s*\"remaining\" : 1");
    }
  }
}
