package io.spike.store.changelog;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a shipped change log ends: the last change's sequence number and the final values of the
 * SHA-256 chain and the HMAC chain after it. The next segment starts at {@code lastSeq + 1} and
 * carries these values in its header. Arrays are copied in and out; neither value is secret (the
 * HMAC key is never part of it).
 *
 * @param lastSeq the last change shipped; 0 before the first segment
 * @param sha the SHA-256 chain value (32 bytes)
 * @param hmac the HMAC-SHA256 chain value (32 bytes)
 */
public record ChainState(long lastSeq, byte[] sha, byte[] hmac) {

  public ChainState {
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must not be negative");
    }
    sha = chainValue(sha, "sha");
    hmac = chainValue(hmac, "hmac");
  }

  /** The state before a log's first segment: sequence 0, both chains 32 zero bytes. */
  public static ChainState initial() {
    return new ChainState(
        0, new byte[ChangeLogFormat.CHAIN_BYTES], new byte[ChangeLogFormat.CHAIN_BYTES]);
  }

  /** Whether both chain values are the zeros a log starts from. */
  public boolean isInitial() {
    return Arrays.equals(sha, new byte[ChangeLogFormat.CHAIN_BYTES])
        && Arrays.equals(hmac, new byte[ChangeLogFormat.CHAIN_BYTES]);
  }

  @Override
  public byte[] sha() {
    return sha.clone();
  }

  @Override
  public byte[] hmac() {
    return hmac.clone();
  }

  private static byte[] chainValue(byte[] value, String what) {
    Objects.requireNonNull(value, what);
    if (value.length != ChangeLogFormat.CHAIN_BYTES) {
      throw new IllegalArgumentException(
          what + " must be " + ChangeLogFormat.CHAIN_BYTES + " bytes");
    }
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainState other
        && lastSeq == other.lastSeq
        && Arrays.equals(sha, other.sha)
        && Arrays.equals(hmac, other.hmac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lastSeq, Arrays.hashCode(sha), Arrays.hashCode(hmac));
  }

  @Override
  public String toString() {
    return "ChainState[lastSeq=" + lastSeq + ", sha=" + HexFormat.of().formatHex(sha, 0, 8) + "..]";
  }
}
