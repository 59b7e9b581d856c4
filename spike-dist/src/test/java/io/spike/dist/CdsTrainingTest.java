package io.spike.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {
  @TempDir Path dir;

  @Test
  void train_walksAWholeSecretGetOverMutualTls() throws Exception {
    // 0: the get reached the stand-in Nexus over mTLS (client certificate required, Nexus's
    // SPIFFE ID checked) and its answer was read and printed; any failure on the way is non-zero.
    assertThat(CdsTraining.train(dir)).isZero();
  }
}
