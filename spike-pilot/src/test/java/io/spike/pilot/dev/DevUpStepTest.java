package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.StatusResponse;
import io.spike.pilot.testing.TestStatus;
import org.junit.jupiter.api.Test;

class DevUpStepTest {
  private static StatusResponse status(String state, boolean initialized) {
    return TestStatus.of(state, initialized);
  }

  @Test
  void of_uninitializedStore_bootstraps_evenWhenEveryKeeperIsNew() {
    // A store emptied by spike operator reset keeps its spike.db: only Nexus's flag tells.
    assertThat(DevUpStep.of(status("sealed", false), true)).isEqualTo(DevUpStep.BOOTSTRAP);
    assertThat(DevUpStep.of(status("sealed", false), false)).isEqualTo(DevUpStep.BOOTSTRAP);
  }

  @Test
  void of_initializedAndSealed_withOnlyNewKeepers_needsRestore() {
    assertThat(DevUpStep.of(status("sealed", true), true)).isEqualTo(DevUpStep.NEEDS_RESTORE);
  }

  @Test
  void of_initialized_otherwise_awaitsUnseal() {
    assertThat(DevUpStep.of(status("sealed", true), false)).isEqualTo(DevUpStep.AWAIT_UNSEAL);
    assertThat(DevUpStep.of(status("unsealed", true), true)).isEqualTo(DevUpStep.AWAIT_UNSEAL);
  }
}
