package io.spike.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The plaintext form of a keyring, which only ever exists inside the root key's AEAD: {@code
 * version(1) = 1 | count(2) | count × (term(4) | key(32))}, big-endian, terms strictly ascending
 * and positive. Parsing is strict: any other length or ordering is rejected.
 */
final class KeyringFormat {

  static final byte VERSION = 1;
  private static final int ENTRY_BYTES = 4 + AesGcmAead.KEY_BYTES;
  private static final int MAX_TERMS = 0xffff;

  private KeyringFormat() {}

  /** The caller wipes the result. */
  static byte[] serialize(NavigableMap<Integer, SecretBytes> keys) {
    if (keys.isEmpty() || keys.size() > MAX_TERMS) {
      throw new IllegalStateException("keyring must hold 1..65535 terms");
    }
    ByteBuffer out = ByteBuffer.allocate(3 + keys.size() * ENTRY_BYTES);
    out.put(VERSION).putShort((short) keys.size());
    for (Map.Entry<Integer, SecretBytes> e : keys.entrySet()) {
      byte[] key = e.getValue().copyBytes();
      out.putInt(e.getKey()).put(key);
      SecretBytes.wipe(key);
    }
    return out.array();
  }

  /** Parses {@link #serialize} output; the returned keys are owned by the caller. */
  static NavigableMap<Integer, SecretBytes> parse(byte[] plain) throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(plain);
    NavigableMap<Integer, SecretBytes> keys = new TreeMap<>();
    try {
      if (in.get() != VERSION) {
        throw new GeneralSecurityException("unsupported keyring version");
      }
      int count = Short.toUnsignedInt(in.getShort());
      if (count == 0 || in.remaining() != count * ENTRY_BYTES) {
        throw new GeneralSecurityException("malformed keyring");
      }
      int previous = 0;
      for (int i = 0; i < count; i++) {
        int term = in.getInt();
        if (term <= previous) {
          throw new GeneralSecurityException("malformed keyring");
        }
        byte[] key = new byte[AesGcmAead.KEY_BYTES];
        in.get(key);
        keys.put(term, SecretBytes.adopt(key));
        previous = term;
      }
      return keys;
    } catch (BufferUnderflowException | GeneralSecurityException e) {
      keys.values().forEach(SecretBytes::destroy);
      throw e instanceof GeneralSecurityException
          ? (GeneralSecurityException) e
          : new GeneralSecurityException("malformed keyring");
    }
  }
}
