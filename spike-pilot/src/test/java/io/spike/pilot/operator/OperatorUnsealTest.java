package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.FakeTerminal;
import io.spike.testkit.LogCapture;
import org.junit.jupiter.api.Test;

class OperatorUnsealTest {
  private static final String PASSWORD = "correct horse battery";

  @Test
  void unseal_pipedPassword_sendsTheFirstLine_printsRestored() throws Exception {
    try (LogCapture logs = LogCapture.everything();
        FakeServer nexus =
            new FakeServer().on(Routes.OPERATOR_UNSEAL, "", 200, "{\"restored\":true}")) {
      Cli.Result r =
          Cli.piped(nexus.connector(), PASSWORD + "\n", "operator", "unseal", "--password");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("restored\n");
      assertThat(nexus.requests())
          .singleElement()
          .satisfies(q -> assertThat(q.body()).isEqualTo("{\"password\":\"" + PASSWORD + "\"}"));
      assertThat(r.out() + r.err() + logs.text()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void unseal_terminal_promptsHidden_andWipes() throws Exception {
    FakeTerminal terminal = new FakeTerminal(PASSWORD);
    try (FakeServer nexus =
        new FakeServer().on(Routes.OPERATOR_UNSEAL, "", 200, "{\"restored\":true}")) {
      Cli.Result r = Cli.run(nexus.connector(), terminal, "operator", "unseal", "--password");

      assertThat(r.code()).isZero();
      assertThat(terminal.hiddenPrompts()).containsExactly("Password: ");
      assertThat(terminal.allWiped()).isTrue();
    }
  }

  @Test
  void unseal_withoutThePasswordFlag_isBadUsage() {
    Cli.Result r = Cli.piped(Cli.NO_NETWORK, PASSWORD, "operator", "unseal");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--password");
  }

  @Test
  void unseal_emptyPassword_exits2_withoutNetwork() {
    Cli.Result r = Cli.piped(Cli.NO_NETWORK, "\n", "operator", "unseal", "--password");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("the password is empty");
  }

  @Test
  void unseal_wrongPassword_exits1_sayingSo() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .on(
                Routes.OPERATOR_UNSEAL,
                "",
                401,
                "{\"err\":\"access_unauthorized\",\"message\":\"wrong password\"}")) {
      Cli.Result r =
          Cli.piped(nexus.connector(), "not it at all\n", "operator", "unseal", "--password");

      assertThat(r.onlyErrLine(1))
          .startsWith(
              "spike: access_unauthorized: Nexus refused to unseal (wrong password); the"
                  + " password is wrong and Nexus stays sealed")
          .doesNotContain("not it at all");
    }
  }

  @Test
  void unseal_wrongIdentity_namesTheRestoreRole() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.OPERATOR_UNSEAL, "", 401, "{\"err\":\"access_unauthorized\"}")) {
      Cli.Result r = Cli.piped(nexus.connector(), PASSWORD, "operator", "unseal", "--password");

      assertThat(r.err()).contains("--role restore");
    }
  }

  @Test
  void unseal_noEscrow_alreadyUnsealed_andBackoff_sayWhatToDo() throws Exception {
    try (FakeServer none =
            new FakeServer().on(Routes.OPERATOR_UNSEAL, "", 404, "{\"err\":\"api_not_found\"}");
        FakeServer open =
            new FakeServer().on(Routes.OPERATOR_UNSEAL, "", 409, "{\"err\":\"state_conflict\"}");
        FakeServer wait =
            new FakeServer()
                .on(
                    Routes.OPERATOR_UNSEAL,
                    "",
                    429,
                    "{\"err\":\"api_rate_limited\",\"message\":\"retry in 8 s\"}")) {
      Cli.Result r404 = Cli.piped(none.connector(), PASSWORD, "operator", "unseal", "--password");
      Cli.Result r409 = Cli.piped(open.connector(), PASSWORD, "operator", "unseal", "--password");
      Cli.Result r429 = Cli.piped(wait.connector(), PASSWORD, "operator", "unseal", "--password");

      assertThat(r404.code()).isEqualTo(1);
      assertThat(r404.err()).contains("no password escrow").contains("spike operator restore");
      assertThat(r409.code()).isEqualTo(1);
      assertThat(r409.err()).contains("not sealed");
      assertThat(r429.code()).isEqualTo(1);
      assertThat(r429.err()).contains("(retry in 8 s)").contains("wait and retry");
    }
  }

  @Test
  void unseal_notRestored_exits1() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.OPERATOR_UNSEAL, "", 200, "{\"restored\":false}")) {
      Cli.Result r = Cli.piped(nexus.connector(), PASSWORD, "operator", "unseal", "--password");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
    }
  }
}
