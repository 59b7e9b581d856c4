package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void medianAndP90_areNearestRank() {
    Samples s = new Samples(List.of(0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.4, 0.6, 0.8, 1.0));
    assertThat(s.median()).isEqualTo(0.5);
    assertThat(s.p90()).isEqualTo(0.9);
  }

  @Test
  void oneSample_isEveryPercentile() {
    Samples s = new Samples(List.of(0.42));
    assertThat(s.median()).isEqualTo(0.42);
    assertThat(s.p90()).isEqualTo(0.42);
  }

  @Test
  void noSamples_isRefused() {
    assertThatThrownBy(() -> new Samples(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
