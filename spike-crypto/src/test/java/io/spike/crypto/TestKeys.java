package io.spike.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Seeded, reproducible keys and randomness for tests. */
final class TestKeys {

  private TestKeys() {}

  static RootKey key(long seed) {
    return key(new SplittableRandom(seed));
  }

  static RootKey key(SplittableRandom random) {
    while (true) {
      byte[] b = new byte[RootKey.LENGTH];
      random.nextBytes(b);
      if (P256.isValidScalar(b)) {
        try {
          return RootKey.fromBytes(b);
        } catch (GeneralSecurityException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  /** A SecureRandom whose output is fixed by the seed: tests only. */
  static SecureRandom seeded(long seed) {
    return new SeededRandom(seed);
  }

  private static final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient SplittableRandom random;

    SeededRandom(long seed) {
      this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      random.nextBytes(bytes);
    }
  }
}
