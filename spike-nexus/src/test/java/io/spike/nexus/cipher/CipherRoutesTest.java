package io.spike.nexus.cipher;

import static io.spike.nexus.ApiAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Encrypt and decrypt through the API. */
class CipherRoutesTest {
  @RegisterExtension static final Clusters clusters = Clusters.perClass();
  private static NexusTestCluster cluster;
  private static NexusClient admin;
  private static final byte[] PLAIN = "hello cipher".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void start() {
    cluster = clusters.startUnsealed();
    admin = cluster.client(cluster.superuser());
  }

  private static void assertBadRequest(ThrowingCallable call) {
    assertRefused(call, ErrorCode.BAD_REQUEST);
  }

  @Test
  void encrypt_thenDecrypt_roundTrips() {
    CipherText text = admin.encrypt(new CipherPlaintext(PLAIN));
    assertThat(text.version()).isEqualTo(1);
    assertThat(text.nonce()).hasSize(12);
    assertThat(text.ciphertext()).hasSize(PLAIN.length + 16);
    assertThat(admin.decrypt(text).plaintext()).isEqualTo(PLAIN);
    assertThat(admin.encrypt(new CipherPlaintext(PLAIN)).nonce()).isNotEqualTo(text.nonce());
  }

  @Test
  void alteredCiphertext_is400() {
    CipherText text = admin.encrypt(new CipherPlaintext(PLAIN));
    byte[] flipped = text.ciphertext();
    flipped[3] ^= 0x10;
    assertBadRequest(() -> admin.decrypt(new CipherText(1, text.nonce(), flipped)));
    byte[] nonce = text.nonce();
    nonce[0] ^= 1;
    assertBadRequest(() -> admin.decrypt(new CipherText(1, nonce, text.ciphertext())));
    assertBadRequest(() -> admin.decrypt(new CipherText(2, text.nonce(), text.ciphertext())));
    assertBadRequest(() -> admin.decrypt(new CipherText(1, new byte[5], text.ciphertext())));
    byte[] truncated = Arrays.copyOf(text.ciphertext(), 10);
    assertBadRequest(() -> admin.decrypt(new CipherText(1, text.nonce(), truncated)));
  }

  @Test
  void workload_needsExecuteOnCipherPath() {
    NexusClient stranger = cluster.client(cluster.svid("/apps/crypto"));
    assertThatThrownBy(() -> stranger.encrypt(new CipherPlaintext(PLAIN)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    admin.putPolicy(
        new PolicyPutRequest(
            "crypto",
            "^spiffe://spike\\.ist/apps/crypto$",
            "^spike/system/cipher/exec$",
            List.of("execute")));
    CipherText text = stranger.encrypt(new CipherPlaintext(PLAIN));
    assertThat(stranger.decrypt(text).plaintext()).isEqualTo(PLAIN);
  }

  /**
   * A term above the current one is refused before the barrier would reload the keyring from the
   * store (which takes its write lock): any caller with execute could otherwise make every request
   * read the store and stall encryption for everyone.
   */
  @Test
  void decrypt_termAboveTheCurrent_is400_withoutReadingTheStoreOrReloading() {
    AtomicInteger keyringReads = new AtomicInteger();
    io.spike.nexus.barrier.Barrier barrier =
        new io.spike.nexus.barrier.Barrier(
            () -> {
              keyringReads.incrementAndGet();
              return Optional.empty();
            });
    SecureRandom random = new SecureRandom();
    barrier.unseal(
        io.spike.crypto.RootKey.generate(random), io.spike.crypto.Keyring.create(random));
    try {
      for (int term : new int[] {2, 999, Integer.MAX_VALUE}) {
        assertThatThrownBy(
                () ->
                    CipherRoutes.decrypt(barrier, new CipherText(term, new byte[12], new byte[32])))
            .isInstanceOf(io.spike.nexus.refusal.Refusal.class)
            .hasMessageContaining("does not hold");
      }
      assertThat(keyringReads.get()).isZero();
    } finally {
      barrier.seal();
    }
  }

  @Test
  void decrypt_unknownTerm_overTheApi_is400() {
    assertBadRequest(() -> admin.decrypt(new CipherText(77, new byte[12], new byte[32])));
  }
}
