package io.spike.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), built on the JDK's {@link Mac}. Intermediates are wiped. */
final class Hkdf {

  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LEN = 32;
  static final int MAX_LENGTH = 255 * HASH_LEN;

  private Hkdf() {}

  /**
   * Derives {@code length} bytes from {@code ikm}. An empty salt means the RFC's default (a block
   * of zeros). The caller wipes the result.
   */
  static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("HKDF length must be 1.." + MAX_LENGTH);
    }
    byte[] prk = null;
    try {
      prk = hmac(salt.length == 0 ? new byte[HASH_LEN] : salt, ikm);
      return expand(prk, info, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      if (prk != null) {
        SecretBytes.wipe(prk);
      }
    }
  }

  private static byte[] expand(byte[] prk, byte[] info, int length)
      throws GeneralSecurityException {
    Mac mac = mac(prk);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int done = 0;
    for (int counter = 1; done < length; counter++) {
      mac.update(block);
      mac.update(info);
      mac.update((byte) counter);
      SecretBytes.wipe(block);
      block = mac.doFinal();
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    SecretBytes.wipe(block);
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    return mac(key).doFinal(data);
  }

  private static Mac mac(byte[] key) throws NoSuchAlgorithmException, InvalidKeyException {
    Mac mac = Mac.getInstance(HMAC);
    mac.init(new SecretKeySpec(key, HMAC));
    return mac;
  }
}
