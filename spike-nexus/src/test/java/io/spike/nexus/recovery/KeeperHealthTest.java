package io.spike.nexus.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.StatusResponse;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeeperHealthTest {
  private final KeeperHealth health =
      new KeeperHealth(
          List.of(
              new KeeperLink(1, URI.create("https://k1:8443"), null),
              new KeeperLink(2, URI.create("https://k2:8443"), null)),
          Clock.systemUTC());

  @Test
  void wrongShard_isShownUntilCleared_andReportsChangesOnly() {
    assertThat(health.ids()).containsExactly(1, 2);
    assertThat(health.wrongShard(2, true)).isTrue();
    assertThat(health.wrongShard(2, true)).isFalse();

    assertThat(health.holdsWrongShard(2)).isTrue();
    assertThat(health.holdsWrongShard(1)).isFalse();
    assertThat(health.snapshot())
        .extracting(StatusResponse.Keeper::health)
        .containsExactly(Optional.empty(), Optional.of("wrong shard"));

    assertThat(health.wrongShard(2, false)).isTrue();
    assertThat(health.wrongShard(2, false)).isFalse();
    assertThat(health.snapshot())
        .extracting(StatusResponse.Keeper::health)
        .containsOnly(Optional.empty());
  }
}
