package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void none_isNotInteractive_andReadsNothing() {
    assertThat(Terminal.NONE.interactive()).isFalse();
    assertThat(Terminal.NONE.readHidden("p: ")).isEmpty();
    assertThat(Terminal.NONE.readLine("p: ")).isEmpty();
  }

  @Test
  void system_withoutAConsole_isNone() {
    // Test JVMs run with piped streams, so there is no console.
    if (System.console() == null) {
      assertThat(Terminal.system()).isSameAs(Terminal.NONE);
    } else {
      assertThat(Terminal.system().interactive()).isTrue();
    }
  }

  @Test
  void cliContext_withoutATerminal_usesNone() {
    PrintStream sink = System.err;
    CliContext ctx =
        new CliContext(Map.of(), sink, sink, new ByteArrayInputStream(new byte[0]), Cli.NO_NETWORK);

    assertThat(ctx.terminal()).isSameAs(Terminal.NONE);
  }
}
