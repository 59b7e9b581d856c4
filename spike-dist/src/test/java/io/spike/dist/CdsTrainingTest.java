package io.spike.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {
  @TempDir Path dir;

  @Test
  void train_walksTheGetAndTheHandshake() {
    // 1: the secret get fails as it should (no Nexus); -1 would be a failed handshake.
    assertThat(CdsTraining.train(dir)).isEqualTo(1);
  }

  @Test
  void handshake_refusesEnginesThatCannotAgree() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, null, null);
    SSLEngine client = tls.createSSLEngine();
    SSLEngine server = tls.createSSLEngine();

    // A server without a certificate cannot complete a handshake.
    assertThatThrownBy(() -> CdsTraining.handshake(client, server))
        .isInstanceOf(SSLException.class);
    assertThat(client.getHandshakeStatus()).isNotEqualTo(HandshakeStatus.FINISHED);
  }
}
