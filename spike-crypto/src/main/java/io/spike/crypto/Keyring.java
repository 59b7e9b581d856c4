package io.spike.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.security.auth.Destroyable;

/**
 * Data keys by term (1, 2, …), wrapped by the root key: envelope encryption.
 *
 * <p>Contract: {@link #encrypt} uses the newest term and returns {@code term(4, big-endian) |
 * nonce(12) | ciphertext+tag(16)}; the term is also bound into the GCM associated data (as {@code
 * term(4) | associatedData}), so it cannot be altered. {@link #decrypt} accepts a ciphertext of any
 * term the ring knows. {@link #rotate} returns a new keyring with one more term and leaves this one
 * untouched (destroy each when done). {@link #wrap} serializes the ring (a versioned format, see
 * {@code KeyringFormat}) and encrypts it under {@link RootKey#aead()} with associated data {@code
 * spike/keyring}; only {@link #unwrap} with the same root key reads it back. Thread-safe.
 *
 * <p>Security promise: data keys never leave this object except inside {@link #wrap}'s ciphertext;
 * {@link #destroy()} zeroes them; {@link #toString()} shows only the terms.
 */
public final class Keyring implements Aead, Destroyable {

  /** Length of the term prefix on every ciphertext. */
  public static final int TERM_BYTES = 4;

  static final byte[] WRAP_ASSOCIATED_DATA = "spike/keyring".getBytes(StandardCharsets.UTF_8);

  private final NavigableMap<Integer, SecretBytes> keys;
  private final Map<Integer, AesGcmAead> aeads;

  private Keyring(NavigableMap<Integer, SecretBytes> keys) {
    this.keys = Collections.unmodifiableNavigableMap(keys);
    Map<Integer, AesGcmAead> byTerm = new TreeMap<>();
    keys.forEach((term, key) -> byTerm.put(term, new AesGcmAead(key)));
    this.aeads = Collections.unmodifiableMap(byTerm);
  }

  /** A new keyring with one random data key, term 1. */
  public static Keyring create(SecureRandom random) {
    NavigableMap<Integer, SecretBytes> keys = new TreeMap<>();
    keys.put(1, SecretBytes.random(AesGcmAead.KEY_BYTES, random));
    return new Keyring(keys);
  }

  /** A new keyring holding copies of this one's keys plus a fresh key at term current+1. */
  public Keyring rotate(SecureRandom random) {
    int current = currentTerm();
    if (current == Integer.MAX_VALUE) {
      throw new IllegalStateException("keyring terms exhausted");
    }
    NavigableMap<Integer, SecretBytes> next = new TreeMap<>();
    keys.forEach((term, key) -> next.put(term, SecretBytes.adopt(key.copyBytes())));
    next.put(current + 1, SecretBytes.random(AesGcmAead.KEY_BYTES, random));
    return new Keyring(next);
  }

  /**
   * Dangerous: a new keyring holding copies of only the terms from {@code oldest} on (at least the
   * current one); ciphertexts of older terms can no longer be decrypted with it. For retiring terms
   * once every record has been moved to the newest one.
   */
  public Keyring retireBelow(int oldest) {
    int keep = Math.min(oldest, currentTerm());
    NavigableMap<Integer, SecretBytes> next = new TreeMap<>();
    keys.tailMap(keep, true)
        .forEach((term, key) -> next.put(term, SecretBytes.adopt(key.copyBytes())));
    return new Keyring(next);
  }

  /** The newest term, used by {@link #encrypt}. */
  public int currentTerm() {
    return keys.lastKey();
  }

  /** Every term this ring can decrypt, ascending. */
  public Set<Integer> terms() {
    return Collections.unmodifiableSet(keys.navigableKeySet());
  }

  /** The term a keyring ciphertext was made with (read from its prefix, not authenticated). */
  public static int termOf(byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext.length < TERM_BYTES) {
      throw new GeneralSecurityException("ciphertext too short");
    }
    return ByteBuffer.wrap(ciphertext).getInt();
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    int term = currentTerm();
    byte[] body = aeads.get(term).encrypt(plaintext, boundData(term, associatedData));
    return ByteBuffer.allocate(TERM_BYTES + body.length).putInt(term).put(body).array();
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    int term = termOf(ciphertext);
    AesGcmAead aead = aeads.get(term);
    if (aead == null) {
      throw new GeneralSecurityException("unknown key term");
    }
    byte[] body = new byte[ciphertext.length - TERM_BYTES];
    System.arraycopy(ciphertext, TERM_BYTES, body, 0, body.length);
    return aead.decrypt(body, boundData(term, associatedData));
  }

  /** This keyring encrypted under the root key, for the backing store. */
  public byte[] wrap(RootKey root) throws GeneralSecurityException {
    Objects.requireNonNull(root, "root");
    byte[] plain = KeyringFormat.serialize(keys);
    AesGcmAead aead = root.aead();
    try {
      return aead.encrypt(plain, WRAP_ASSOCIATED_DATA);
    } finally {
      aead.destroy();
      SecretBytes.wipe(plain);
    }
  }

  /**
   * Reads a keyring written by {@link #wrap}.
   *
   * @throws GeneralSecurityException for another root key or a corrupt or foreign blob
   */
  public static Keyring unwrap(RootKey root, byte[] wrapped) throws GeneralSecurityException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(wrapped, "wrapped");
    AesGcmAead aead = root.aead();
    byte[] plain = null;
    try {
      plain = aead.decrypt(wrapped, WRAP_ASSOCIATED_DATA);
      return new Keyring(KeyringFormat.parse(plain));
    } finally {
      aead.destroy();
      SecretBytes.wipe(plain);
    }
  }

  /** Zeroes every data key; idempotent. */
  @Override
  public void destroy() {
    aeads.values().forEach(AesGcmAead::destroy);
    keys.values().forEach(SecretBytes::destroy);
  }

  @Override
  public boolean isDestroyed() {
    return keys.values().stream().allMatch(SecretBytes::isDestroyed);
  }

  @Override
  public String toString() {
    return "Keyring[terms=" + keys.keySet() + ", current=" + currentTerm() + "]";
  }

  private static byte[] boundData(int term, byte[] associatedData) {
    byte[] ad = associatedData == null ? new byte[0] : associatedData;
    return ByteBuffer.allocate(TERM_BYTES + ad.length).putInt(term).put(ad).array();
  }
}
