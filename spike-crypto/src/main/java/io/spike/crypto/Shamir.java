package io.spike.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Shamir secret sharing of the root key over the P-256 scalar field (integers mod n).
 *
 * <p>Contract: {@link #split} builds f(x) = k + a1·x + … + a(t-1)·x^(t-1) and returns the shares
 * (i, f(i)) for i = 1..shares. The coefficients are derived deterministically from the key and the
 * threshold: a_i is the first HKDF-SHA256 output (ikm = key, salt = {@code spike/shamir/v1}, info =
 * {@code coefficient|t=<t>|i=<i>|<attempt>}) whose value is below n. So one key and one threshold
 * always give the same shares (recovery files made on different days combine, keeper re-pushes are
 * identical), and a larger share count only adds shares. The threshold is part of the derivation so
 * shares of different thresholds never lie on one polynomial. {@link #combine} interpolates at x =
 * 0 (Lagrange). It cannot tell a wrong result from a right one: with fewer than threshold shares,
 * or a corrupt one, it returns a different key, which is what {@link KeyCheck} is for.
 *
 * <p>Security promise: byte arrays holding key, coefficient or share material are zeroed after use;
 * {@link BigInteger} intermediates are immutable and cannot be wiped, so they are dropped as soon
 * as possible and left to the garbage collector.
 */
public final class Shamir {

  private static final BigInteger N = P256.ORDER;
  private static final byte[] SALT = "spike/shamir/v1".getBytes(StandardCharsets.UTF_8);

  private Shamir() {}

  /**
   * Splits {@code key} into {@code shares} shards (ids 1..shares), any {@code threshold} of which
   * recombine to it.
   *
   * @throws IllegalArgumentException unless 1 &le; threshold &le; shares &le; 255
   */
  public static List<Shard> split(RootKey key, int shares, int threshold) {
    Objects.requireNonNull(key, "key");
    checkCounts(shares, threshold);
    BigInteger[] coefficients = coefficients(key, threshold);
    List<Shard> out = new ArrayList<>(shares);
    for (int x = 1; x <= shares; x++) {
      out.add(Shard.adopt(x, P256.toFixed32(evaluate(coefficients, x))));
    }
    return List.copyOf(out);
  }

  /**
   * Recombines shards into the key by Lagrange interpolation at zero. Any number of shards from 1
   * up works; whether they were enough is for {@link KeyCheck} to say.
   *
   * @throws IllegalArgumentException when {@code shards} is empty or holds an id twice
   * @throws GeneralSecurityException when the result is not a valid key (zero)
   */
  public static RootKey combine(Collection<Shard> shards) throws GeneralSecurityException {
    Objects.requireNonNull(shards, "shards");
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no shards to combine");
    }
    Set<Integer> ids = new HashSet<>();
    for (Shard s : shards) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("duplicate shard id " + s.id());
      }
    }
    byte[] secret = P256.toFixed32(interpolateAtZero(shards));
    try {
      return RootKey.fromBytes(secret);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("shards do not combine to a valid key");
    } finally {
      SecretBytes.wipe(secret);
    }
  }

  private static BigInteger interpolateAtZero(Collection<Shard> shards) {
    BigInteger sum = BigInteger.ZERO;
    for (Shard j : shards) {
      BigInteger xj = BigInteger.valueOf(j.id());
      BigInteger numerator = BigInteger.ONE;
      BigInteger denominator = BigInteger.ONE;
      for (Shard m : shards) {
        if (m != j) {
          BigInteger xm = BigInteger.valueOf(m.id());
          numerator = numerator.multiply(xm).mod(N);
          denominator = denominator.multiply(xm.subtract(xj)).mod(N);
        }
      }
      byte[] y = j.valueBytes();
      BigInteger term = new BigInteger(1, y).multiply(numerator).mod(N);
      SecretBytes.wipe(y);
      sum = sum.add(term.multiply(denominator.modInverse(N))).mod(N);
    }
    return sum;
  }

  private static BigInteger evaluate(BigInteger[] coefficients, int x) {
    BigInteger bx = BigInteger.valueOf(x);
    BigInteger acc = BigInteger.ZERO;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      acc = acc.multiply(bx).add(coefficients[i]).mod(N);
    }
    return acc;
  }

  /** Refuses share and threshold counts {@link #split} cannot use. */
  static void checkCounts(int shares, int threshold) {
    if (threshold < 1 || threshold > shares || shares > Shard.MAX_ID) {
      throw new IllegalArgumentException("need 1 <= threshold <= shares <= 255");
    }
  }

  /**
   * a0 = key, a1..a(t-1) derived from the key with HKDF and rejection sampling below n; shared with
   * {@link ShardCommitments}, which commits to exactly these.
   */
  static BigInteger[] coefficients(RootKey key, int threshold) {
    byte[] ikm = key.bytes();
    try {
      BigInteger[] a = new BigInteger[threshold];
      a[0] = new BigInteger(1, ikm);
      for (int i = 1; i < threshold; i++) {
        a[i] = coefficient(ikm, threshold, i);
      }
      return a;
    } finally {
      SecretBytes.wipe(ikm);
    }
  }

  private static BigInteger coefficient(byte[] ikm, int threshold, int index) {
    for (int attempt = 0; ; attempt++) {
      String info = "coefficient|t=" + threshold + "|i=" + index + "|" + attempt;
      byte[] candidate =
          Hkdf.derive(ikm, SALT, info.getBytes(StandardCharsets.UTF_8), P256.SCALAR_BYTES);
      try {
        if (P256.isBelowOrder(candidate)) {
          return new BigInteger(1, candidate);
        }
      } finally {
        SecretBytes.wipe(candidate);
      }
    }
  }
}
