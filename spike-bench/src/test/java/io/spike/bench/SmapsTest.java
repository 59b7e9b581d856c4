package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmapsTest {
  private static final String ROLLUP =
      "55d0c8a1e000-7ffd4b5f9000 ---p 00000000 00:00 0                          [rollup]\n"
          + "Rss:               49152 kB\n"
          + "Pss:               40960 kB\n"
          + "Pss_Anon:          30000 kB\n"
          + "Shared_Clean:       9000 kB\n"
          + "Swap:                  0 kB\n";

  @Test
  void parse_readsRssAndPssNotTheirNamesakes() {
    Smaps smaps = Smaps.parse(ROLLUP);
    assertThat(smaps.rssKiB()).isEqualTo(49152);
    assertThat(smaps.pssKiB()).isEqualTo(40960);
    assertThat(smaps.rssMiB()).isEqualTo(48.0);
    assertThat(smaps.pssMiB()).isEqualTo(40.0);
  }

  @Test
  void parse_missingLine_isRefused() {
    assertThatThrownBy(() -> Smaps.parse("Rss: 10 kB\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Pss:");
  }

  @Test
  void parse_otherUnit_isRefused() {
    assertThatThrownBy(() -> Smaps.parse("Rss: 10 MB\nPss: 5 kB\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_thisProcess_isResident() throws Exception {
    Smaps self = Smaps.of(ProcessHandle.current().pid());
    assertThat(self.rssKiB()).isGreaterThanOrEqualTo(self.pssKiB() / 2).isPositive();
  }
}
