package io.spike.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password escrow of the root key: the key encrypted with AES-256-GCM under a key stretched from an
 * admin password by Argon2id (BouncyCastle, version 1.3).
 *
 * <p>Blob format: see {@link EscrowBlob} (self-describing: version, Argon2id parameters, salt,
 * nonce, ciphertext, tag). Everything before the nonce is the GCM associated data, so the
 * parameters and salt cannot be changed without detection. Defaults: 64 MiB, 3 iterations,
 * parallelism 1. The password is encoded as UTF-8 without normalisation.
 *
 * <p>Security promise: the password bytes and the derived key are zeroed after use (the caller's
 * {@code char[]} is left to the caller); a wrong password and a tampered blob both give {@code
 * GeneralSecurityException("wrong password")}; unwrap refuses cost parameters above 256 MiB, 10
 * passes or 16 lanes before hashing, so a crafted blob in the store cannot make an unseal burn a
 * GiB and minutes.
 */
public final class PasswordEscrow {

  static final int SALT_BYTES = EscrowBlob.SALT_BYTES;
  static final int HEADER_BYTES = EscrowBlob.HEADER_BYTES;
  static final int BLOB_BYTES = EscrowBlob.BLOB_BYTES;

  private PasswordEscrow() {}

  /** The root key wrapped under {@code password} with the default Argon2id cost. */
  public static byte[] wrap(RootKey key, char[] password, SecureRandom random)
      throws GeneralSecurityException {
    return wrap(key, password, random, Argon2Params.DEFAULT);
  }

  static byte[] wrap(RootKey key, char[] password, SecureRandom random, Argon2Params params)
      throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(random, "random");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] header = EscrowBlob.header(params, salt);
    AesGcmAead aead = passwordAead(password, params, salt, random);
    byte[] raw = key.bytes();
    try {
      return EscrowBlob.of(params, salt, aead.encrypt(raw, header)).encode();
    } finally {
      aead.destroy();
      SecretBytes.wipe(raw);
    }
  }

  /**
   * The root key from a blob made by {@link #wrap}.
   *
   * @throws GeneralSecurityException {@code "wrong password"} when the password (or the blob) does
   *     not authenticate; another terse message when the blob is malformed or asks for more than
   *     the bounded Argon2 cost (checked before any hashing)
   */
  public static RootKey unwrap(byte[] blob, char[] password) throws GeneralSecurityException {
    EscrowBlob parsed = EscrowBlob.parse(blob);
    AesGcmAead aead = passwordAead(password, parsed.params(), parsed.salt(), new SecureRandom());
    byte[] raw = null;
    try {
      raw = aead.decrypt(parsed.sealed(), parsed.associatedData());
      return RootKey.fromBytes(raw);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("wrong password");
    } finally {
      aead.destroy();
      SecretBytes.wipe(raw);
    }
  }

  private static AesGcmAead passwordAead(
      char[] password, Argon2Params params, byte[] salt, SecureRandom random) {
    byte[] derived = argon2id(password, params, salt);
    SecretBytes key = SecretBytes.adopt(derived);
    try {
      return new AesGcmAead(key, random);
    } finally {
      key.destroy();
    }
  }

  private static byte[] argon2id(char[] password, Argon2Params params, byte[] salt) {
    Argon2Parameters argon =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKiB())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt)
            .build();
    byte[] pw = utf8(password);
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(argon);
      byte[] out = new byte[AesGcmAead.KEY_BYTES];
      generator.generateBytes(pw, out);
      return out;
    } finally {
      SecretBytes.wipe(pw);
      argon.clear();
    }
  }

  private static byte[] utf8(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new IllegalArgumentException("password must not be empty");
    }
    ByteBuffer encoded;
    try {
      encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("password is not valid Unicode");
    }
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    SecretBytes.wipe(encoded.array());
    return out;
  }
}
