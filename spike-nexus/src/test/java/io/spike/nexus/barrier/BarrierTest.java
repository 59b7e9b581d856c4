package io.spike.nexus.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BarrierTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] plain = "value".getBytes(StandardCharsets.UTF_8);

  @Test
  void new_isSealed_andRefusesCrypto() {
    Barrier barrier = new Barrier();
    assertThat(barrier.isSealed()).isTrue();
    assertThatThrownBy(() -> barrier.encrypt(plain, "x")).isInstanceOf(SealedException.class);
    assertThatThrownBy(() -> barrier.decryptRecord(new byte[40], "x"))
        .isInstanceOf(SealedException.class);
    assertThatThrownBy(() -> barrier.withRootKey(k -> k)).isInstanceOf(SealedException.class);
  }

  @Test
  void unseal_enablesCrypto_boundToAssociatedData() throws GeneralSecurityException {
    Barrier barrier = new Barrier();
    assertThat(barrier.unseal(RootKey.generate(random), Keyring.create(random))).isTrue();
    byte[] sealed = barrier.encrypt(plain, "secret|a|1");
    assertThat(barrier.decrypt(sealed, "secret|a|1")).isEqualTo(plain);
    assertThatThrownBy(() -> barrier.decryptRecord(sealed, "secret|a|2"))
        .isInstanceOf(TamperedRecordException.class)
        .hasMessageContaining("secret|a|2");
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
  void replaceKeyring_newWritesUseNewTerm_oldCiphertextStillReads()
      throws GeneralSecurityException {
    Barrier barrier = new Barrier();
    Keyring first = Keyring.create(random);
    barrier.unseal(RootKey.generate(random), first);
    byte[] old = barrier.encrypt(plain, "x");
    Keyring second = first.rotate(random);

    barrier.replaceKeyring(second);

    assertThat(first.isDestroyed()).isTrue();
    assertThat(barrier.currentTerm()).isEqualTo(2);
    assertThat(Keyring.termOf(barrier.encrypt(plain, "x"))).isEqualTo(2);
    assertThat(barrier.decrypt(old, "x")).isEqualTo(plain);
  }

  @Test
  void replaceRootKey_swapsBoth_andDestroysTheOldOnes() {
    Barrier barrier = new Barrier();
    AtomicInteger unseals = new AtomicInteger();
    barrier.onUnseal(unseals::incrementAndGet);
    RootKey oldKey = RootKey.generate(random);
    Keyring oldRing = Keyring.create(random);
    barrier.unseal(oldKey, oldRing);
    RootKey newKey = RootKey.generate(random);
    Keyring newRing = Keyring.create(random);

    barrier.replaceRootKey(newKey, newRing);

    assertThat(oldKey.isDestroyed()).isTrue();
    assertThat(oldRing.isDestroyed()).isTrue();
    assertThat(barrier.withRootKey(newKey::equals)).isTrue();
    assertThat(unseals.get()).isEqualTo(1);
  }

  @Test
  void replace_whileSealed_isRefused_andCallerKeepsOwnership() {
    Barrier barrier = new Barrier();
    RootKey key = RootKey.generate(random);
    Keyring ring = Keyring.create(random);

    assertThatThrownBy(() -> barrier.replaceKeyring(ring)).isInstanceOf(SealedException.class);
    assertThatThrownBy(() -> barrier.replaceRootKey(key, ring)).isInstanceOf(SealedException.class);
    assertThat(key.isDestroyed()).isFalse();
    assertThat(ring.isDestroyed()).isFalse();
  }

  @Test
  void decrypt_ofANewerTerm_reloadsTheStoredKeyringOnce() throws GeneralSecurityException {
    RootKey key = RootKey.generate(random);
    Keyring first = Keyring.create(random);
    Keyring rotatedElsewhere = first.rotate(random);
    AtomicReference<byte[]> stored = new AtomicReference<>(first.wrap(key));
    AtomicInteger loads = new AtomicInteger();
    Barrier barrier =
        new Barrier(
            () -> {
              loads.incrementAndGet();
              return Optional.of(stored.get());
            });
    barrier.unseal(RootKey.fromBytes(key.material().copyBytes()), first);
    byte[] fromOtherReplica = rotatedElsewhere.encrypt(plain, "x".getBytes(StandardCharsets.UTF_8));
    stored.set(rotatedElsewhere.wrap(key));

    assertThat(barrier.decrypt(fromOtherReplica, "x")).isEqualTo(plain);
    assertThat(barrier.terms()).isEqualTo(Set.of(1, 2));
    assertThat(loads.get()).isEqualTo(1);
    assertThat(barrier.decrypt(fromOtherReplica, "x")).isEqualTo(plain);
    assertThat(loads.get()).isEqualTo(1);
  }

  @Test
  void reloadKeyring_refusesAnOlderOrForeignKeyring() throws GeneralSecurityException {
    RootKey key = RootKey.generate(random);
    Keyring ring = Keyring.create(random).rotate(random);
    AtomicReference<byte[]> stored = new AtomicReference<>(Keyring.create(random).wrap(key));
    Barrier barrier = new Barrier(() -> Optional.of(stored.get()));
    barrier.unseal(key, ring);

    assertThat(barrier.reloadKeyring()).isFalse();
    stored.set(ring.rotate(random).wrap(RootKey.generate(random)));
    assertThat(barrier.reloadKeyring()).isFalse();
    assertThat(barrier.currentTerm()).isEqualTo(2);
    assertThatThrownBy(() -> barrier.decryptRecord(new byte[] {0, 0, 0, 9, 1, 2, 3}, "x"))
        .isInstanceOf(TamperedRecordException.class);
  }

  @Test
  void toString_showsStateOnly() {
    Barrier barrier = new Barrier();
    barrier.unseal(RootKey.generate(random), Keyring.create(random));
    assertThat(barrier.toString()).isEqualTo("Barrier[unsealed]");
  }
}
