package io.spike.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.EnvNexusConnector;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.secret.SecretCommand;
import io.spike.pilot.testing.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "--help",
        "-V",
        "bogus",
        "secrt get a",
        "secret",
        "secret --help",
        "secret bogus",
        "secret get",
        "secret get --help",
        "secret get apps/web/db -v x",
        "policy create --name p",
        "-f xml secret list",
        "-f json secret get",
        "dev --help",
        "status --help",
        "snapshot"
      })
  void lazyTree_outputIsTheWholeTreesOutput(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");

    Cli.Result lazy = Cli.run(Cli.NO_NETWORK, args);
    Cli.Result whole = wholeTree(args);

    assertThat(lazy.err()).isEqualTo(whole.err());
    assertThat(lazy.out()).isEqualTo(whole.out());
    assertThat(lazy.code()).isEqualTo(whole.code());
  }

  @Test
  void subcommandsFor_namedSubcommandAlone_elseEveryOne() {
    assertThat(SpikeCli.subcommandsFor("secret", "get", "a")).containsExactly(SecretCommand.class);
    assertThat(SpikeCli.subcommandsFor("-f", "json", "secret")).isEqualTo(SpikeCommand.SUBCOMMANDS);
    assertThat(SpikeCli.subcommandsFor("bogus")).isEqualTo(SpikeCommand.SUBCOMMANDS);
    assertThat(SpikeCli.subcommandsFor()).isEqualTo(SpikeCommand.SUBCOMMANDS);
  }

  private static Cli.Result wholeTree(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx =
        new CliContext(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]),
            Cli.NO_NETWORK);
    int code = SpikeCli.commandLine(ctx).execute(args);
    return new Cli.Result(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        out.toByteArray());
  }
}
