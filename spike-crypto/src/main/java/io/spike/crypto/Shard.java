package io.spike.crypto;

import java.util.Objects;
import java.util.function.Function;
import javax.security.auth.Destroyable;

/**
 * One Shamir share of the root key: an id (the x coordinate, 1..255) and a 32-byte big-endian value
 * (the y coordinate, a scalar below the P-256 order n; zero is a legal value).
 *
 * <p>Contract: immutable apart from {@link #destroy()}; {@link #value()} returns a copy the caller
 * owns and should destroy. After {@code destroy()} the value accessors throw {@link
 * IllegalStateException}; {@link #id()} keeps working (ids are not secret).
 *
 * <p>Security promise: {@link #toString()} is {@code Shard[id=N, value=redacted]}; {@link
 * #equals(Object)} compares the value in constant time; {@link #hashCode()} depends on the id only.
 */
public final class Shard implements Destroyable {

  /** Smallest share id. */
  public static final int MIN_ID = 1;

  /** Largest share id. */
  public static final int MAX_ID = 255;

  /** Length of a share value in bytes. */
  public static final int VALUE_LENGTH = P256.SCALAR_BYTES;

  private final int id;
  private final SecretBytes value;

  private Shard(int id, SecretBytes value) {
    this.id = id;
    this.value = value;
  }

  /**
   * A shard holding a copy of {@code value32} (the caller still wipes its array).
   *
   * @throws IllegalArgumentException when the id is outside 1..255, the value is not 32 bytes, or
   *     the value is not below n
   */
  public static Shard of(int id, byte[] value32) {
    Objects.requireNonNull(value32, "value");
    checkId(id);
    if (value32.length != VALUE_LENGTH) {
      throw new IllegalArgumentException("shard value must be 32 bytes");
    }
    if (!P256.isBelowOrder(value32)) {
      throw new IllegalArgumentException("shard value out of range");
    }
    return new Shard(id, SecretBytes.copyOf(value32));
  }

  /** Takes ownership of a value this package computed and already range-checked. */
  static Shard adopt(int id, byte[] value32) {
    return new Shard(id, SecretBytes.adopt(value32));
  }

  static void checkId(int id) {
    if (id < MIN_ID || id > MAX_ID) {
      throw new IllegalArgumentException("shard id must be 1..255");
    }
  }

  /** The share id, 1..255. */
  public int id() {
    return id;
  }

  /** A copy of the 32-byte value; the caller destroys it. */
  public SecretBytes value() {
    return SecretBytes.adopt(value.copyBytes());
  }

  /**
   * Lends a fresh copy of the 32-byte value to {@code use} and wipes the copy when it returns or
   * throws, e.g. {@code shard.withValueBytes(ShardValue::ofBytes)} for the wire form. {@code use}
   * must not keep the array.
   */
  public <T> T withValueBytes(Function<byte[], T> use) {
    return value.withBytes(use);
  }

  /** The value as a fresh array, for this package's own use; the caller wipes it. */
  byte[] valueBytes() {
    return value.copyBytes();
  }

  /** Zeroes the value; idempotent. */
  @Override
  public void destroy() {
    value.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return value.isDestroyed();
  }

  /** Same id and (constant-time) same value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Shard && ((Shard) o).id == id && value.equals(((Shard) o).value);
  }

  @Override
  public int hashCode() {
    return id;
  }

  @Override
  public String toString() {
    return "Shard[id=" + id + ", value=redacted]";
  }
}
