package io.spike.pilot.testing;

import io.spike.pilot.cli.Terminal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An interactive terminal whose answers a test scripts: each prompt takes the next answer; when
 * they run out, input has ended. Records every prompt, and keeps the {@code char[]}s it handed out
 * so a test can check they were wiped.
 */
public final class FakeTerminal implements Terminal {
  private final Deque<String> answers = new ArrayDeque<>();
  private final List<String> prompts = new ArrayList<>();
  private final List<String> hiddenPrompts = new ArrayList<>();
  private final List<char[]> handedOut = new ArrayList<>();

  public FakeTerminal(String... answers) {
    this.answers.addAll(List.of(answers));
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public Optional<char[]> readHidden(String prompt) {
    prompts.add(prompt);
    hiddenPrompts.add(prompt);
    if (answers.isEmpty()) {
      return Optional.empty();
    }
    char[] chars = answers.poll().toCharArray();
    handedOut.add(chars);
    return Optional.of(chars);
  }

  @Override
  public Optional<String> readLine(String prompt) {
    prompts.add(prompt);
    return Optional.ofNullable(answers.poll());
  }

  /** Every prompt shown, in order. */
  public List<String> prompts() {
    return List.copyOf(prompts);
  }

  /** The prompts whose answer was read without echo. */
  public List<String> hiddenPrompts() {
    return List.copyOf(hiddenPrompts);
  }

  /** Whether every hidden answer handed out has been wiped (all zero chars). */
  public boolean allWiped() {
    return handedOut.stream().allMatch(a -> new String(a).chars().allMatch(c -> c == 0));
  }
}
