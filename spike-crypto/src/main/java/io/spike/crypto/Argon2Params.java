package io.spike.crypto;

/**
 * Argon2id cost parameters as stored in an escrow blob. The bounds keep a crafted blob from
 * making {@link PasswordEscrow#unwrap} allocate or spin without limit.
 */
record Argon2Params(int memoryKiB, int iterations, int parallelism) {

  /** 64 MiB, 3 passes, 1 lane: the OWASP-style default for an interactive unseal. */
  static final Argon2Params DEFAULT = new Argon2Params(64 * 1024, 3, 1);

  static final int MAX_MEMORY_KIB = 1 << 20;
  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 16;

  Argon2Params {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2 memory must be 8*parallelism.." + MAX_MEMORY_KIB + " KiB");
    }
  }
}
