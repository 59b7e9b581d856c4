package io.spike.nexus.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BarrierTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] plain = "value".getBytes(StandardCharsets.UTF_8);

  @Test
  void new_isSealed_andRefusesCrypto() {
    Barrier barrier = new Barrier();
    assertThat(barrier.isSealed()).isTrue();
    assertThatThrownBy(() -> barrier.encrypt(plain, "x")).isInstanceOf(SealedException.class);
    assertThatThrownBy(() -> barrier.decryptRecord(new byte[40], "x")).isInstanceOf(SealedException.class);
    assertThatThrownBy(() -> barrier.withRootKey(k -> k)).isInstanceOf(SealedException.class);
  }

  @Test
  void unseal_enablesCrypto_boundToAssociatedData() throws GeneralSecurityException {
    Barrier barrier = new Barrier();
    assertThat(barrier.unseal(RootKey.generate(random), Keyring.create(random))).isTrue();
    byte[] sealed = barrier.encrypt(plain, "secret|a|1");
    assertThat(barrier.decrypt(sealed, "secret|a|1")).isEqualTo(plain);
    assertThatThrownBy(() -> barrier.decryptRecord(sealed, "secret|a|2"))
        .isInstanceOf(TamperedRecordException.class).hasMessageContaining("secret|a|2");
    assertThat(barrier.currentTerm()).isEqualTo(1);
  }

  @Test
  void unseal_twice_isRefused_andKeepsFirstKey() throws GeneralSecurityException {
    Barrier barrier = new Barrier();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    byte[] sealed = barrier.encrypt(plain, "x");
    RootKey second = RootKey.generate(random);
    assertThat(barrier.unseal(second, Keyring.create(random))).isFalse();
    assertThat(second.isDestroyed()).isFalse();
    assertThat(barrier.decrypt(sealed, "x")).isEqualTo(plain);
  }

  @Test
  void seal_destroysKeyAndKeyring() {
    Barrier barrier = new Barrier();
    RootKey key = RootKey.generate(random);
    Keyring keyring = Keyring.create(random);
    barrier.unseal(key, keyring);
    barrier.seal();
    assertThat(barrier.isSealed()).isTrue();
    assertThat(key.isDestroyed()).isTrue();
    assertThat(keyring.isDestroyed()).isTrue();
    barrier.seal();
  }

  @Test
  void unsealListeners_runAfterEachUnseal() {
    Barrier barrier = new Barrier();
    AtomicInteger calls = new AtomicInteger();
    barrier.onUnseal(calls::incrementAndGet);
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    assertThat(calls.get()).isEqualTo(1);
    barrier.seal();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void toString_showsStateOnly() {
    Barrier barrier = new Barrier();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    assertThat(barrier.toString()).isEqualTo("Barrier[unsealed]");
  }
}
