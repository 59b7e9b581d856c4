package io.spike.nexus.barrier;

/** Nexus is sealed: the work needs the root key or keyring (503 {@code state_not_ready}). */
public final class SealedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealedException() {
    super("nexus is sealed", null, false, false);
  }
}
