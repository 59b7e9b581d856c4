package io.spike.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password-escrow blob taken apart, without running Argon2: the layout {@link PasswordEscrow}
 * writes, big-endian: {@code version(1) = 1 | memoryKiB(4) | iterations(4) | parallelism(4) |
 * saltLength(1) = 16 | salt(16) | nonce(12) | ciphertext(32) | tag(16)}. Everything before the
 * nonce (the header) is the GCM associated data.
 *
 * <p>Contract for {@link #parse}: a blob of any other length, version or salt length, or whose
 * Argon2 cost is outside {@link Argon2Params}' bounds, throws {@link GeneralSecurityException} with
 * a terse message that names the rule broken and never a value from the blob. A parsed blob is only
 * well formed: nothing about it is authentic until the AEAD opens it.
 *
 * <p>Security promise: holds ciphertext, salt and nonce only (no key material); {@link #toString}
 * shows the cost parameters only.
 */
final class EscrowBlob {

  static final byte VERSION = 1;
  static final int SALT_BYTES = 16;
  static final int HEADER_BYTES = 1 + 4 + 4 + 4 + 1 + SALT_BYTES;
  static final int SEALED_BYTES = AesGcmAead.NONCE_BYTES + RootKey.LENGTH + AesGcmAead.TAG_BYTES;
  static final int BLOB_BYTES = HEADER_BYTES + SEALED_BYTES;

  private final Argon2Params params;
  private final byte[] header;
  private final byte[] sealed;

  private EscrowBlob(Argon2Params params, byte[] header, byte[] sealed) {
    this.params = params;
    this.header = header;
    this.sealed = sealed;
  }

  /** A blob from its parts; {@code sealed} is the AEAD output (nonce, ciphertext, tag). */
  static EscrowBlob of(Argon2Params params, byte[] salt, byte[] sealed) {
    Objects.requireNonNull(params, "params");
    if (salt.length != SALT_BYTES || sealed.length != SEALED_BYTES) {
      throw new IllegalArgumentException("escrow salt or sealed key has the wrong length");
    }
    return new EscrowBlob(params, header(params, salt), sealed.clone());
  }

  /** The header for {@code params} and {@code salt}: the associated data to seal the key with. */
  static byte[] header(Argon2Params params, byte[] salt) {
    return ByteBuffer.allocate(HEADER_BYTES)
        .put(VERSION)
        .putInt(params.memoryKiB())
        .putInt(params.iterations())
        .putInt(params.parallelism())
        .put((byte) SALT_BYTES)
        .put(salt)
        .array();
  }

  /**
   * Checks the layout and the cost bounds; runs no KDF.
   *
   * @throws GeneralSecurityException {@code malformed escrow blob}, {@code unsupported escrow
   *     version} or {@code escrow blob refused: ...} (naming the cost bounds)
   */
  static EscrowBlob parse(byte[] blob) throws GeneralSecurityException {
    Objects.requireNonNull(blob, "blob");
    if (blob.length != BLOB_BYTES) {
      throw new GeneralSecurityException("malformed escrow blob");
    }
    ByteBuffer in = ByteBuffer.wrap(blob);
    try {
      if (in.get() != VERSION) {
        throw new GeneralSecurityException("unsupported escrow version");
      }
      Argon2Params params = costOf(in.getInt(), in.getInt(), in.getInt());
      if (in.get() != SALT_BYTES) {
        throw new GeneralSecurityException("malformed escrow blob");
      }
      return new EscrowBlob(
          params,
          Arrays.copyOf(blob, HEADER_BYTES),
          Arrays.copyOfRange(blob, HEADER_BYTES, BLOB_BYTES));
    } catch (BufferUnderflowException e) {
      throw new GeneralSecurityException("malformed escrow blob");
    }
  }

  /** The blob's cost, refused (naming the bounds, not the blob's values) when out of bounds. */
  private static Argon2Params costOf(int memoryKiB, int iterations, int parallelism)
      throws GeneralSecurityException {
    try {
      return new Argon2Params(memoryKiB, iterations, parallelism);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(
          "escrow blob refused: Argon2 cost outside 8 KiB.."
              + (Argon2Params.MAX_MEMORY_KIB >> 10)
              + " MiB, 1.."
              + Argon2Params.MAX_ITERATIONS
              + " passes, 1.."
              + Argon2Params.MAX_PARALLELISM
              + " lanes");
    }
  }

  Argon2Params params() {
    return params;
  }

  /** A copy of the salt. */
  byte[] salt() {
    return Arrays.copyOfRange(header, HEADER_BYTES - SALT_BYTES, HEADER_BYTES);
  }

  /** A copy of the header: the associated data of the AEAD. */
  byte[] associatedData() {
    return header.clone();
  }

  /** A copy of nonce, ciphertext and tag. */
  byte[] sealed() {
    return sealed.clone();
  }

  /** The blob's bytes. */
  byte[] encode() {
    return ByteBuffer.allocate(BLOB_BYTES).put(header).put(sealed).array();
  }

  @Override
  public String toString() {
    return "EscrowBlob[memoryKiB="
        + params.memoryKiB()
        + ", iterations="
        + params.iterations()
        + ", parallelism="
        + params.parallelism()
        + "]";
  }
}
