package io.spike.pilot.cli;

import java.io.Console;
import java.util.Optional;

/**
 * The operator's terminal, for questions a command asks a person: a secret read without echo, or a
 * line. Prompts go to the terminal itself, never to stdout, so a command's output stays clean for
 * scripts.
 *
 * <p>{@link #NONE} stands for "no terminal" (stdin or stdout is redirected): commands then read
 * stdin instead. {@link #system()} is the process's console.
 *
 * <p>Security: {@link #readHidden} returns a {@code char[]} the caller wipes; implementations keep
 * no copy.
 */
public interface Terminal {
  /** No terminal: not interactive; reads answer "end of input". */
  Terminal NONE =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public Optional<char[]> readHidden(String prompt) {
          return Optional.empty();
        }

        @Override
        public Optional<String> readLine(String prompt) {
          return Optional.empty();
        }
      };

  /** Whether a person is there to answer prompts. */
  boolean interactive();

  /**
   * Prints {@code prompt} and reads a line without echo; empty at end of input. The caller wipes
   * the array.
   */
  Optional<char[]> readHidden(String prompt);

  /** Prints {@code prompt} and reads a line with echo; empty at end of input. */
  Optional<String> readLine(String prompt);

  /**
   * The process's console ({@link System#console()}), or {@link #NONE} when stdin or stdout is not
   * a terminal.
   */
  static Terminal system() {
    Console console = System.console();
    if (console == null) {
      return NONE;
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public Optional<char[]> readHidden(String prompt) {
        return Optional.ofNullable(console.readPassword("%s", prompt));
      }

      @Override
      public Optional<String> readLine(String prompt) {
        return Optional.ofNullable(console.readLine("%s", prompt));
      }
    };
  }
}
