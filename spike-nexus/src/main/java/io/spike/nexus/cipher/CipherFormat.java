package io.spike.nexus.cipher;

import io.spike.api.wire.CipherText;
import io.spike.crypto.Keyring;
import io.spike.nexus.refusal.Refusal;
import java.nio.ByteBuffer;

/** Splits a keyring ciphertext into the wire fields and puts it back together. */
final class CipherFormat {
  static final String ASSOCIATED_DATA = "cipher";
  static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;

  private CipherFormat() {}

  static CipherText split(byte[] blob) {
    ByteBuffer in = ByteBuffer.wrap(blob);
    int term = in.getInt();
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(nonce);
    byte[] rest = new byte[in.remaining()];
    in.get(rest);
    return new CipherText(term, nonce, rest);
  }

  static byte[] join(CipherText text) {
    byte[] nonce = text.nonce();
    byte[] ciphertext = text.ciphertext();
    if (text.version() < 1) {
      throw Refusal.invalid("version must be a keyring term (1 or more)");
    }
    if (nonce.length != NONCE_BYTES) {
      throw Refusal.invalid("nonce must be " + NONCE_BYTES + " bytes");
    }
    if (ciphertext.length < TAG_BYTES) {
      throw Refusal.invalid("ciphertext is too short");
    }
    return ByteBuffer.allocate(Keyring.TERM_BYTES + nonce.length + ciphertext.length)
        .putInt(text.version())
        .put(nonce)
        .put(ciphertext)
        .array();
  }
}
