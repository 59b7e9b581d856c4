package io.spike.nexus.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.crypto.Aead;
import io.spike.crypto.RootKey;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BootstrapVerifyRouteTest {
  private static final byte[] AD = "spike/bootstrap-verify".getBytes(StandardCharsets.UTF_8);
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;
  private static RootKey key;

  @BeforeAll
  static void start() {
    cluster = clusters.start();
    key = RootKey.generate(new SecureRandom());
    cluster.seedKeepers(key);
    cluster.awaitReady();
  }

  @AfterAll
  static void stop() {
    key.destroy();
  }

  /** What bootstrap sends: random text encrypted under the root key, nonce split off. */
  private static BootstrapVerifyRequest request(byte[] plaintext, RootKey under) throws Exception {
    Aead aead = under.aead();
    byte[] sealed = aead.encrypt(plaintext, AD);
    return new BootstrapVerifyRequest(
        Arrays.copyOf(sealed, 12), Arrays.copyOfRange(sealed, 12, sealed.length));
  }

  @Test
  void bootstrap_getsSha256OfThePlaintext() throws Exception {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String hash = cluster.client(cluster.bootstrap()).verifyBootstrap(request(random, key)).hash();
    assertThat(hash)
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(random)));
  }

  @Test
  void otherKey_or_alteredCiphertext_is400() throws Exception {
    BootstrapVerifyRequest foreign = request(new byte[32], RootKey.generate(new SecureRandom()));
    assertThatThrownBy(() -> cluster.client(cluster.bootstrap()).verifyBootstrap(foreign))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    BootstrapVerifyRequest good = request(new byte[32], key);
    byte[] ciphertext = good.ciphertext();
    ciphertext[0] ^= 1;
    BootstrapVerifyRequest altered = new BootstrapVerifyRequest(good.nonce(), ciphertext);
    assertThatThrownBy(() -> cluster.client(cluster.bootstrap()).verifyBootstrap(altered))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void nonBootstrap_is401() throws Exception {
    BootstrapVerifyRequest good = request(new byte[32], key);
    for (var as : new io.spike.identity.SvidSource[] {cluster.superuser(), cluster.workload()}) {
      assertThatThrownBy(() -> cluster.client(as).verifyBootstrap(good))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }
  }
}
