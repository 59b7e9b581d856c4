package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.testkit.MainRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration ends the process with one line on stderr and exit code 1. */
class KeeperMainTest {

  @Test
  void badPort_exits1_withOneLineNamingTheVariable() throws Exception {
    String line =
        MainRun.run(KeeperMain.class, Map.of("SPIKE_KEEPER_TLS_PORT", "eighty")).exitWithOneLine(1);
    assertThat(line)
        .isEqualTo(
            "keeper: SPIKE_KEEPER_TLS_PORT='eighty' is not a whole number; expected a port number"
                + " 0..65535 (0: any free port; upstream's :8553 form is accepted)");
  }

  @Test
  void missingSvid_exits1_withOneLine() throws Exception {
    String line = MainRun.run(KeeperMain.class, Map.of()).exitWithOneLine(1);
    assertThat(line).startsWith("keeper: ").contains("SPIKE_SVID");
  }
}
