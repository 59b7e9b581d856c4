package io.spike.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Feldman commitments to the Shamir polynomial of a root key: lets anyone check a single shard
 * without the others and without the root key.
 *
 * <p>Contract: for the polynomial f(x) = a0 + a1·x + … + a(t-1)·x^(t-1) that {@link Shamir#split}
 * uses (a0 = the root key, the other coefficients derived from it), the commitments are the
 * compressed P-256 points C_j = a_j·G, j = 0..t-1, held as lowercase hex. A shard (i, s)
 * {@linkplain #verify verifies} when s·G equals C_0 + C_1·i + … + C_(t-1)·i^(t-1). {@link #of}
 * gives the same value for the same key, share count and threshold, every time. {@link #encode} is
 * a stable byte form ({@code version 1 | threshold | shares | t × 33-byte points}), {@link #decode}
 * its inverse; the record components themselves are the JSON form. {@link #fingerprint} names the
 * commitments for humans.
 *
 * <p>Why Feldman and not per-share digests: digests of each share would prove a shard only against
 * a list that has to be kept and trusted as a whole, and would give away nothing less; Feldman
 * commitments fit our Shamir field (the P-256 scalar field) exactly, stay the same size whatever
 * the share count, and also prove that all shares lie on one polynomial of degree t-1.
 *
 * <p>Security promise: the commitments are public. Note Feldman's known property: C_0 = root·G is
 * the public key of the root key; the root key stays secret because finding it from C_0 is the
 * discrete logarithm problem on P-256, the same assumption every P-256 key pair rests on. The other
 * coefficients are likewise hidden behind their points. Nothing here holds a secret: secret inputs
 * are wiped after use as far as {@link BigInteger} allows.
 *
 * @param threshold how many shards recombine the key (1..shares)
 * @param shares how many shards were made (threshold..255)
 * @param points the t commitments C_0..C_(t-1), each a 33-byte compressed point in lowercase hex
 */
public record ShardCommitments(int threshold, int shares, List<String> points) {

  /** The encoding version byte {@link #encode} writes. */
  public static final int VERSION = 1;

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  private static final int POINT_BYTES = 33;
  private static final int HEADER_BYTES = 3;
  private static final int FINGERPRINT_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Validates the counts and that every point is a point of P-256 in compressed form.
   *
   * @throws IllegalArgumentException when they are not
   */
  public ShardCommitments {
    Shamir.checkCounts(shares, threshold);
    points = List.copyOf(Objects.requireNonNull(points, "points"));
    if (points.size() != threshold) {
      throw new IllegalArgumentException("need exactly threshold commitments");
    }
    for (String point : points) {
      decodePoint(point);
    }
  }

  /**
   * The commitments of the shards {@code Shamir.split(key, shares, threshold)} makes.
   *
   * @throws IllegalArgumentException unless 1 &le; threshold &le; shares &le; 255
   */
  public static ShardCommitments of(RootKey key, int shares, int threshold) {
    Objects.requireNonNull(key, "key");
    Shamir.checkCounts(shares, threshold);
    BigInteger[] coefficients = Shamir.coefficients(key, threshold);
    List<String> points = new ArrayList<>(threshold);
    for (BigInteger a : coefficients) {
      points.add(HEX.formatHex(times(a).getEncoded(true)));
    }
    return new ShardCommitments(threshold, shares, points);
  }

  /**
   * Whether {@code shard} lies on the committed polynomial: s·G == Σ C_j·i^j. A shard of another
   * key, of a previous root key, with a changed value or with another id does not. Ids above the
   * share count are checked the same way (such a shard would recombine too).
   *
   * @throws IllegalStateException when the shard was destroyed
   */
  public boolean verify(Shard shard) {
    Objects.requireNonNull(shard, "shard");
    byte[] value = shard.valueBytes();
    try {
      ECPoint left = times(new BigInteger(1, value));
      BigInteger x = BigInteger.valueOf(shard.id());
      ECPoint right = decodePoint(points.get(threshold - 1));
      for (int j = threshold - 2; j >= 0; j--) {
        right = right.multiply(x).add(decodePoint(points.get(j)));
      }
      return left.equals(right.normalize());
    } finally {
      SecretBytes.wipe(value);
    }
  }

  /** The stable byte form: version, threshold, shares, then the t compressed points. */
  public byte[] encode() {
    byte[] out = new byte[HEADER_BYTES + threshold * POINT_BYTES];
    out[0] = (byte) VERSION;
    out[1] = (byte) threshold;
    out[2] = (byte) shares;
    for (int j = 0; j < threshold; j++) {
      byte[] point = HEX.parseHex(points.get(j));
      System.arraycopy(point, 0, out, HEADER_BYTES + j * POINT_BYTES, POINT_BYTES);
    }
    return out;
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when {@code encoded} is not such a value
   */
  public static ShardCommitments decode(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length < HEADER_BYTES || (encoded[0] & 0xff) != VERSION) {
      throw new IllegalArgumentException("not shard commitments version " + VERSION);
    }
    int threshold = encoded[1] & 0xff;
    int shares = encoded[2] & 0xff;
    if (encoded.length != HEADER_BYTES + threshold * POINT_BYTES) {
      throw new IllegalArgumentException("shard commitments have the wrong length");
    }
    List<String> points = new ArrayList<>(threshold);
    for (int j = 0; j < threshold; j++) {
      int from = HEADER_BYTES + j * POINT_BYTES;
      points.add(HEX.formatHex(encoded, from, from + POINT_BYTES));
    }
    return new ShardCommitments(threshold, shares, points);
  }

  /**
   * The first 16 bytes of SHA-256 over {@link #encode()}, as hex in groups of four separated by
   * dashes, e.g. {@code 3f2a-91c0-…} (8 groups): what operators compare by eye.
   */
  public String fingerprint() {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(encode());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    String hex = HEX.formatHex(digest, 0, FINGERPRINT_BYTES);
    StringBuilder out = new StringBuilder(hex.length() + hex.length() / 4);
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append('-');
      }
      out.append(hex, i, i + 4);
    }
    return out.toString();
  }

  private static ECPoint times(BigInteger scalar) {
    return new FixedPointCombMultiplier().multiply(CURVE.getG(), scalar).normalize();
  }

  private static ECPoint decodePoint(String hex) {
    Objects.requireNonNull(hex, "point");
    byte[] bytes;
    try {
      bytes = HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("commitment is not hex");
    }
    if (bytes.length != POINT_BYTES || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("commitment is not a 33-byte compressed point in hex");
    }
    try {
      return CURVE.getCurve().decodePoint(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("commitment is not a point of P-256");
    }
  }
}
