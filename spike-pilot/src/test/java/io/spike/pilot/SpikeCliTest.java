package io.spike.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.cli.EnvNexusConnector;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.Cli;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpikeCliTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bogus",
        "secret",
        "secret put",
        "secret put apps/web/db",
        "secret put apps/web/db nokey",
        "secret put apps/web/db =value",
        "secret put apps/web/db a=1 a=2",
        "secret get",
        "secret get apps/web/db -v x",
        "secret get apps/web/db -v -1",
        "secret delete apps/web/db -v 1,x",
        "secret undelete apps/web/db -v 1,1",
        "secret metadata",
        "secret metadata get",
        "policy create --name p",
        "policy create --name p --spiffeid-pattern ^x$ --path-pattern ( --permissions read",
        "policy create --name p --spiffeid-pattern ^x$ --path-pattern ^a$ --permissions fly",
        "policy get",
        "-f xml secret list",
        "secret list -f",
        "dev",
        "dev start",
        "dev env --role admin",
        "dev issue not-an-id",
        "operator",
        "operator escrow",
        "operator unseal",
        "operator reset",
        "operator recover extra",
        "operator rotate-root --force",
      })
  void usageErrors_exit2_withOneLineAndNoNetwork(String line) {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, line.split(" "));

    assertThat(r.onlyErrLine(2)).startsWith("spike: ");
    assertThat(r.out()).isEmpty();
  }

  /** A connector that fails as a bug would: an unexpected exception with {@code message}. */
  private static NexusConnector failingWith(String message) {
    return () -> {
      throw new IllegalStateException(message);
    };
  }

  @Test
  void help_exits0_onStdout() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "secret", "put", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: spike secret put");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void version_exits0() {
    assertThat(Cli.run(Cli.NO_NETWORK, "--version").out()).startsWith("spike ");
  }

  @Test
  void noIdentity_exits1_withTheDevEnvHint() {
    Cli.Result r = Cli.run(new EnvNexusConnector(Map.of()), "secret", "list");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "spike: no SPIFFE identity: set SPIKE_SVID_CERT, SPIKE_SVID_KEY and "
                + "SPIKE_TRUST_BUNDLE (try: eval \"$(./spike dev env)\")\n");
  }

  @Test
  void badPair_neverEchoesTheArgument() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "secret", "put", "apps/web/db", "user=u", "hunter2");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("pair 2").doesNotContain("hunter2");
  }

  @Test
  void debug_addsStackTrace() {
    Cli.Result r =
        Cli.run(failingWith("boom"), Map.of("SPIKE_DEBUG", "1"), new byte[0], "secret", "list");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines()[0]).startsWith("spike: internal error");
    assertThat(r.err()).contains("at io.spike.pilot");
  }

  @Test
  void unexpectedFailure_isOneLine_withoutDebug() {
    Cli.Result r = Cli.run(failingWith("boom\nsecond line"), "secret", "list");

    assertThat(r.onlyErrLine(1)).contains("SPIKE_DEBUG=1");
  }
}
