package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.FakeTerminal;
import io.spike.testkit.LogCapture;
import org.junit.jupiter.api.Test;

class EscrowEnableTest {
  private static final String PASSWORD = "correct horse battery";

  @Test
  void enable_terminal_readsTwiceHidden_sends_andExplains() throws Exception {
    FakeTerminal terminal = new FakeTerminal(PASSWORD, PASSWORD);
    try (LogCapture logs = LogCapture.everything();
        FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ESCROW, "", 200, "{}")) {
      Cli.Result r = Cli.run(nexus.connector(), terminal, "operator", "escrow", "enable");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(terminal.hiddenPrompts()).containsExactly("New escrow password: ", "Repeat: ");
      assertThat(terminal.allWiped()).isTrue();
      assertThat(nexus.requests())
          .singleElement()
          .satisfies(q -> assertThat(q.body()).isEqualTo("{\"password\":\"" + PASSWORD + "\"}"));
      assertThat(r.out())
          .contains("spike operator unseal --password")
          .contains("rotate-root removes the escrow");
      assertThat(r.out() + r.err() + logs.text()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void enable_mismatch_exits2_withoutNetwork() {
    Cli.Result r =
        Cli.run(
            Cli.NO_NETWORK,
            new FakeTerminal(PASSWORD, PASSWORD + "!"),
            "operator",
            "escrow",
            "enable");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("differ").doesNotContain(PASSWORD);
  }

  @Test
  void enable_tooShort_exits2_withoutNetwork() {
    Cli.Result typed =
        Cli.run(
            Cli.NO_NETWORK,
            new FakeTerminal("elevenchars", "elevenchars"),
            "operator",
            "escrow",
            "enable");
    Cli.Result piped = Cli.piped(Cli.NO_NETWORK, "elevenchars\n", "operator", "escrow", "enable");

    assertThat(typed.code()).isEqualTo(2);
    assertThat(typed.err()).contains("at least 12 characters").doesNotContain("elevenchars");
    assertThat(piped.code()).isEqualTo(2);
  }

  @Test
  void enable_twelveCharacters_isEnough() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ESCROW, "", 200, "{}")) {
      Cli.Result r = Cli.piped(nexus.connector(), "twelve chars\n", "operator", "escrow", "enable");

      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  @Test
  void enable_pipe_oneLineOrTwoEqual_butNotTwoDifferent() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ESCROW, "", 200, "{}")) {
      Cli.Result one =
          Cli.piped(nexus.connector(), PASSWORD + "\n", "operator", "escrow", "enable");
      Cli.Result two =
          Cli.piped(
              nexus.connector(), PASSWORD + "\n" + PASSWORD + "\n", "operator", "escrow", "enable");
      Cli.Result differ =
          Cli.piped(
              nexus.connector(), PASSWORD + "\nother password\n", "operator", "escrow", "enable");

      assertThat(one.code()).isZero();
      assertThat(two.code()).isZero();
      assertThat(differ.code()).isEqualTo(2);
      assertThat(nexus.requests()).hasSize(2);
    }
  }

  @Test
  void enable_refused_showsNexussReason_or_theSuperuserIdentity() throws Exception {
    try (FakeServer bad =
            new FakeServer()
                .on(
                    Routes.OPERATOR_ESCROW,
                    "",
                    400,
                    "{\"err\":\"api_bad_request\",\"message\":\"password too short\"}");
        FakeServer denied =
            new FakeServer()
                .on(Routes.OPERATOR_ESCROW, "", 401, "{\"err\":\"access_unauthorized\"}")) {
      Cli.Result r400 = Cli.piped(bad.connector(), PASSWORD, "operator", "escrow", "enable");
      Cli.Result r401 = Cli.piped(denied.connector(), PASSWORD, "operator", "escrow", "enable");

      assertThat(r400.code()).isEqualTo(1);
      assertThat(r400.err()).contains("(password too short)");
      assertThat(r401.err()).contains("--role superuser");
    }
  }

  @Test
  void enable_json_printsTheOutcome() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.OPERATOR_ESCROW, "", 200, "{}")) {
      Cli.Result r =
          Cli.piped(nexus.connector(), PASSWORD, "-f", "json", "operator", "escrow", "enable");

      assertThat(r.out()).contains("\"action\" : \"enabled\"");
    }
  }
}
