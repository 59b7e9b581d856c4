package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.ReencryptResponse;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorReencryptTest {
  private static FakeServer.Answer step(ReencryptResponse response) {
    return new FakeServer.Answer(200, FakeServer.json(response));
  }

  @Test
  void reencrypt_callsUntilDone_showsProgress_andSendsRetire() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .inTurn(
                Routes.OPERATOR_REENCRYPT,
                "",
                step(new ReencryptResponse(3, 2, 5, 3, false, List.of())),
                step(new ReencryptResponse(3, 4, 5, 6, false, List.of())),
                step(new ReencryptResponse(3, 5, 5, 8, true, List.of(1, 2))))) {
      Cli.Result r =
          Cli.run(nexus.connector(), "operator", "reencrypt", "--batch", "2", "--retire");

      assertThat(r.code()).isZero();
      assertThat(nexus.requests())
          .hasSize(3)
          .allSatisfy(q -> assertThat(q.body()).isEqualTo("{\"batch\":2,\"retire\":true}"));
      assertThat(r.err())
          .contains("2 of 5 secret paths looked at, 3 records moved")
          .contains("5 of 5 secret paths looked at, 8 records moved, done");
      assertThat(r.out())
          .isEqualTo("every record is on data-key term 3 (8 moved); retired terms [1, 2]\n");
    }
  }

  @Test
  void reencrypt_badBatch_isUsage_andRefusalNamesTheRole() throws Exception {
    try (FakeServer denied =
        new FakeServer()
            .on(Routes.OPERATOR_REENCRYPT, "", 401, "{\"err\":\"access_unauthorized\"}")) {
      assertThat(Cli.run(denied.connector(), "operator", "reencrypt", "--batch", "0").code())
          .isEqualTo(2);
      Cli.Result refused = Cli.run(denied.connector(), "operator", "reencrypt");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("superuser");
    }
  }
}
