package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.api.wire.ReencryptResponse;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperatorReencryptTest {

  @Test
  void reencrypt_callsUntilDone_showsProgress_andSendsRetire() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeServer nexus =
        new FakeServer()
            .on(
                Routes.OPERATOR_REENCRYPT,
                "",
                body -> {
                  int n = calls.incrementAndGet();
                  ReencryptResponse step =
                      n < 3
                          ? new ReencryptResponse(3, 2L * n, 5, 3L * n, false, List.of())
                          : new ReencryptResponse(3, 5, 5, 8, true, List.of(1, 2));
                  return new FakeServer.Answer(200, FakeServer.json(step));
                })) {
      Cli.Result r =
          Cli.run(nexus.connector(), "operator", "reencrypt", "--batch", "2", "--retire");

      assertThat(r.code()).isZero();
      assertThat(calls.get()).isEqualTo(3);
      assertThat(nexus.requests())
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
