package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.Terminal;
import io.spike.pilot.cli.UsageException;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeTerminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordInputTest {
  private static CliContext piped(String stdin) {
    return context(stdin, Terminal.NONE);
  }

  private static CliContext context(String stdin, Terminal terminal) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new CliContext(
        Map.of(),
        sink,
        sink,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        Cli.NO_NETWORK,
        terminal);
  }

  @Test
  void once_pipe_takesTheFirstLine_exactly() {
    assertThat(PasswordInput.once(piped(" pass word \r\nignored\n"), "Password: "))
        .isEqualTo(" pass word ".toCharArray());
  }

  @Test
  void once_terminal_readsHidden() {
    FakeTerminal terminal = new FakeTerminal("typed");

    assertThat(PasswordInput.once(context("from stdin", terminal), "Password: "))
        .isEqualTo("typed".toCharArray());
    assertThat(terminal.hiddenPrompts()).containsExactly("Password: ");
  }

  @Test
  void once_empty_isBadUsage() {
    assertThatThrownBy(() -> PasswordInput.once(piped(""), "Password: "))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> PasswordInput.once(piped("\nsecond"), "Password: "))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> PasswordInput.once(context("", new FakeTerminal()), "Password: "))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void twice_pipe_acceptsOneLineOrTwoEqualLines() {
    assertThat(PasswordInput.twice(piped("correct horse\n"), "a", "b"))
        .isEqualTo("correct horse".toCharArray());
    assertThat(PasswordInput.twice(piped("correct horse\ncorrect horse\n"), "a", "b"))
        .isEqualTo("correct horse".toCharArray());
  }

  @Test
  void twice_pipe_refusesDifferentLines_andAThirdLine() {
    assertThatThrownBy(() -> PasswordInput.twice(piped("one\ntwo\n"), "a", "b"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("differ")
        .hasMessageNotContaining("one")
        .hasMessageNotContaining("two\n");
    assertThatThrownBy(() -> PasswordInput.twice(piped("x\nx\nx\n"), "a", "b"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("more than two lines");
  }

  @Test
  void twice_terminal_mustMatch_andWipesBoth() {
    FakeTerminal same = new FakeTerminal("correct horse", "correct horse");
    FakeTerminal differ = new FakeTerminal("correct horse", "correct h0rse");

    char[] ok = PasswordInput.twice(context("", same), "New: ", "Repeat: ");
    assertThatThrownBy(() -> PasswordInput.twice(context("", differ), "New: ", "Repeat: "))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("differ");

    assertThat(ok).isEqualTo("correct horse".toCharArray());
    assertThat(same.hiddenPrompts()).containsExactly("New: ", "Repeat: ");
    assertThat(differ.allWiped()).isTrue();
  }
}
