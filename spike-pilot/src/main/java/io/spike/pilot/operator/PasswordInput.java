package io.spike.pilot.operator;

import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.Terminal;
import io.spike.pilot.cli.UsageException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a password for {@code operator unseal} and {@code operator escrow enable}.
 *
 * <p>On a terminal: hidden input at a prompt (twice for a new password; the two must match). From a
 * pipe: the first line of stdin is the password; for a new password a second line, when present,
 * must repeat it (so both {@code printf 'pw\npw\n'} and {@code echo pw} work) and a third line is
 * refused. A line's {@code \n} (and a {@code \r} before it) is not part of the password; other
 * whitespace is. An empty password is bad usage.
 *
 * <p>Security: the password is a {@code char[]} the caller wipes; intermediate buffers are wiped;
 * messages never contain it.
 */
final class PasswordInput {
  private PasswordInput() {}

  /** One password: hidden at {@code prompt} on a terminal, else the first line of stdin. */
  static char[] once(CliContext ctx, String prompt) {
    Terminal terminal = ctx.terminal();
    char[] password;
    if (terminal.interactive()) {
      password =
          terminal
              .readHidden(prompt)
              .orElseThrow(() -> new UsageException("no password was entered"));
    } else {
      try (SecretLines in = SecretLines.read(ctx.in(), "stdin")) {
        List<char[]> lines = in.lines();
        password = lines.isEmpty() ? new char[0] : lines.get(0).clone();
      }
    }
    return nonEmpty(password);
  }

  /**
   * A new password, entered twice on a terminal ({@code prompt}, then {@code repeat}); from a pipe,
   * one line or two equal lines.
   */
  static char[] twice(CliContext ctx, String prompt, String repeat) {
    Terminal terminal = ctx.terminal();
    if (!terminal.interactive()) {
      return fromPipe(ctx);
    }
    char[] first =
        nonEmpty(
            terminal
                .readHidden(prompt)
                .orElseThrow(() -> new UsageException("no password was entered")));
    char[] second = terminal.readHidden(repeat).orElse(new char[0]);
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new UsageException("the two passwords differ; nothing was changed, try again");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  private static char[] fromPipe(CliContext ctx) {
    try (SecretLines in = SecretLines.read(ctx.in(), "stdin")) {
      List<char[]> lines = in.lines();
      if (lines.size() > 2) {
        throw new UsageException(
            "stdin has more than two lines; give the password on one line"
                + " (optionally repeated on a second)");
      }
      if (lines.size() == 2 && !Arrays.equals(lines.get(0), lines.get(1))) {
        throw new UsageException("the two password lines on stdin differ; nothing was changed");
      }
      return nonEmpty(lines.isEmpty() ? new char[0] : lines.get(0).clone());
    }
  }

  private static char[] nonEmpty(char[] password) {
    if (password.length == 0) {
      throw new UsageException(
          "the password is empty; type it at the prompt or pipe it as the first line of stdin");
    }
    return password;
  }
}
