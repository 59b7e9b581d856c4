package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainRunTest {

  /** A main that echoes its environment and arguments, then exits with the code it is given. */
  static final class Echo {
    public static void main(String[] args) {
      System.out.println("out:" + String.join(",", args));
      System.err.println("err:" + System.getenv("ECHO_VALUE"));
      System.err.println("home:" + System.getenv("HOME"));
      System.exit(Integer.parseInt(System.getenv().getOrDefault("ECHO_EXIT", "0")));
    }
  }

  @Test
  void run_passesOnlyTheGivenEnvironment_andReturnsExitCodeAndBothStreams() throws Exception {
    MainRun.Outcome outcome =
        MainRun.run(Echo.class, Map.of("ECHO_VALUE", "v1", "ECHO_EXIT", "3"), "a", "b");

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.stdout()).isEqualTo("out:a,b" + System.lineSeparator());
    assertThat(outcome.stderr().lines()).containsExactly("err:v1", "home:null");
  }

  @Test
  void exitWithOneLine_checksTheExitCodeToo() {
    assertThat(new MainRun.Outcome(1, "", "bad\n").exitWithOneLine(1)).isEqualTo("bad");
    assertThatThrownBy(() -> new MainRun.Outcome(0, "", "bad\n").exitWithOneLine(1))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> new MainRun.Outcome(1, "", "a\nb\n").exitWithOneLine(1))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void onlyStderrLine_returnsTheLine_orFailsOnAnyOtherCount() {
    assertThat(new MainRun.Outcome(1, "", "one line\n").onlyStderrLine()).isEqualTo("one line");
    assertThatThrownBy(() -> new MainRun.Outcome(1, "", "a\nb\n").onlyStderrLine())
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> new MainRun.Outcome(1, "", "").onlyStderrLine())
        .isInstanceOf(AssertionError.class);
  }
}
