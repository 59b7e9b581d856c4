package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void get_isJudgedFrom8Clients() {
    assertThat(Targets.get(1, 0.1)).isEqualTo("(at 8 and 64 clients)");
    assertThat(Targets.get(8, 0.8)).isEqualTo("met >= 0.8");
    assertThat(Targets.get(64, 0.79)).isEqualTo("MISSED >= 0.8");
  }

  @Test
  void put_atOneClient_isTheRoundTripPlusCommitPlusSlack() {
    assertThat(Targets.put(1, 0.5, 0.60, 0.20, 0.30))
        .isEqualTo("met p50 <= 0.650 ms (bare round trip 0.300 + bare commit 0.200 + 0.15)");
    assertThat(Targets.put(1, 0.5, 0.66, 0.20, 0.30)).startsWith("MISSED p50 <= 0.650 ms");
    assertThat(Targets.put(1, 0.5, 0.66, 0.20, null)).startsWith("ERROR");
  }

  @Test
  void put_atManyClients_isTheRatio() {
    assertThat(Targets.put(8, 1.0, 9, 1, 1.0)).isEqualTo("met >= 1.0");
    assertThat(Targets.put(64, 0.99, 9, 1, 1.0)).isEqualTo("MISSED >= 1.0");
  }

  @Test
  void snapshot_isJudgedAt1MOnly_saveAndRestore() {
    assertThat(Targets.snapshot(5_000, 9, 9)).isEqualTo("(at 1M only)");
    assertThat(Targets.snapshot(1_000_000, 2.0, 3.1))
        .isEqualTo("met save <= 2.0x; MISSED restore <= 3.0x");
  }

  @Test
  void verdict_saysMetOrMissed() {
    assertThat(Targets.verdict(true, "x")).isEqualTo("met x");
    assertThat(Targets.verdict(false, "x")).isEqualTo("MISSED x");
  }

  @Test
  void cli_isAbsoluteAndRatio_orAnErrorWithoutFigures() {
    assertThat(Targets.cli(0.35, 6.1)).isEqualTo("met <= 0.35 s; MISSED <= 6.0x");
    assertThat(Targets.cli(0.8, 5.0)).isEqualTo("MISSED <= 0.35 s; met <= 6.0x");
    assertThat(Targets.cli(null, null)).startsWith("ERROR");
  }

  @Test
  void resident_dependsOnComponentAndState() {
    assertThat(Targets.resident(false, true, 48)).isEqualTo("met <= 48 MiB");
    assertThat(Targets.resident(true, false, 129)).isEqualTo("MISSED <= 128 MiB");
    assertThat(Targets.resident(true, true, 129)).isEqualTo("met <= 256 MiB");
  }
}
