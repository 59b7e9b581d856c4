package io.spike.crypto;

/**
 * Argon2id cost parameters as stored in an escrow blob. The bounds keep a crafted blob from making
 * {@link PasswordEscrow#unwrap} allocate or spin for long: at most 256 MiB, 10 passes and 16 lanes
 * (the default is a quarter of that memory and 3 passes), so one unseal attempt costs a bounded,
 * interactive amount of work whatever the store holds.
 */
record Argon2Params(int memoryKiB, int iterations, int parallelism) {

  /** 64 MiB, 3 passes, 1 lane: the OWASP-style default for an interactive unseal. */
  static final Argon2Params DEFAULT = new Argon2Params(64 * 1024, 3, 1);

  /** 256 MiB. */
  static final int MAX_MEMORY_KIB = 256 * 1024;

  static final int MAX_ITERATIONS = 10;
  static final int MAX_PARALLELISM = 16;

  Argon2Params {
    // Messages name the bounds, never the value asked for (it may come from a crafted blob).
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 cost must be 1.." + MAX_ITERATIONS + " passes");
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2 memory must be 8 KiB per lane up to " + (MAX_MEMORY_KIB >> 10) + " MiB");
    }
  }
}
