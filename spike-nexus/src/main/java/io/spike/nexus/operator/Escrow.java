package io.spike.nexus.operator;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.PasswordEscrow;
import io.spike.crypto.RootKey;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.SystemKey;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password escrow (DESIGN §5, §7.4): {@link #enable} stores the root key wrapped under an
 * Argon2id-derived key of an admin password ({@link PasswordEscrow}); {@link #unseal} opens it on a
 * sealed Nexus, checks the key against the store's key check, unwraps the keyring and unseals.
 *
 * <p>Both run under the key-change lock shared with {@link KeyRotation}, so an escrow can never be
 * written for a root key that a concurrent rotation is replacing, and unseal attempts (each an
 * Argon2id run of 64 MiB) run one at a time. Wrong passwords back off ({@link PasswordAttempts}).
 *
 * <p>Security promise: passwords arrive as {@code char[]} that the caller zeroes; they and the key
 * are never logged or put in a message.
 */
public final class Escrow {
  private static final Logger LOG = LoggerFactory.getLogger(Escrow.class);

  /** Shortest accepted escrow password, in characters (Unicode code points). */
  public static final int MIN_PASSWORD_CHARS = 12;

  private final PasswordAttempts attempts;
  private final KeyChanges keyChanges;

  public Escrow(KeyChanges keyChanges, PasswordAttempts attempts) {
    this.keyChanges = keyChanges;
    this.attempts = attempts;
  }

  /**
   * Stores the root key wrapped under {@code password}, replacing any earlier escrow.
   *
   * @throws Refusal 400 when the password is shorter than {@value #MIN_PASSWORD_CHARS} characters
   */
  public void enable(char[] password) {
    if (Character.codePointCount(password, 0, password.length) < MIN_PASSWORD_CHARS) {
      throw Refusal.invalid(
          "the escrow password must have at least " + MIN_PASSWORD_CHARS + " characters");
    }
    keyChanges.lock().lock();
    try {
      byte[] blob = keyChanges.barrier().withRootKey(key -> wrap(key, password));
      keyChanges.store().putSystem(Map.of(SystemKey.ESCROW, blob));
      LOG.info(
          "password escrow enabled: the root key is stored wrapped under an Argon2id-derived key");
    } finally {
      keyChanges.lock().unlock();
    }
  }

  /**
   * Unseals from the escrow.
   *
   * @throws Refusal 409 when unsealed (or the escrow does not match the store), 404 without an
   *     escrow, 429 while backing off, 401 {@code "wrong password"}
   */
  public void unseal(char[] password) {
    keyChanges.lock().lock();
    try {
      if (!keyChanges.barrier().isSealed()) {
        throw Refusal.conflict("nexus is already unsealed");
      }
      byte[] blob =
          keyChanges
              .store()
              .system(SystemKey.ESCROW)
              .orElseThrow(
                  () -> Refusal.notFound("no password escrow; use spike operator restore"));
      attempts.checkAllowed();
      RootKey key = open(blob, password);
      Keyring keyring = checkedKeyring(key);
      if (!keyChanges.barrier().unseal(key, keyring)) {
        keyring.destroy();
        key.destroy();
        throw Refusal.conflict("nexus was unsealed meanwhile (by its keepers)");
      }
      LOG.info("unseal: escrowed root key opened and checked; nexus is unsealed");
    } finally {
      keyChanges.lock().unlock();
    }
  }

  private RootKey open(byte[] blob, char[] password) {
    try {
      RootKey key = PasswordEscrow.unwrap(blob, password);
      attempts.succeeded();
      return key;
    } catch (GeneralSecurityException e) {
      if (!"wrong password".equals(e.getMessage())) {
        throw Refusal.conflict(
            "the stored escrow is unreadable (" + e.getMessage() + "); use spike operator restore");
      }
      Duration wait = attempts.failed();
      LOG.warn(
          "unseal: wrong password ({} in a row); the next attempt is refused for {} s",
          attempts.failures(),
          wait.toSeconds());
      throw Refusal.wrongCredential("wrong password");
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("the password must be non-empty valid text");
    }
  }

  private Keyring checkedKeyring(RootKey key) {
    Optional<byte[]> check = keyChanges.store().system(SystemKey.KEY_CHECK);
    Optional<byte[]> wrapped = keyChanges.store().system(SystemKey.KEYRING);
    if (check.isEmpty() || wrapped.isEmpty() || !KeyCheck.matches(key, check.get())) {
      key.destroy();
      throw Refusal.conflict(
          "the escrowed root key does not pass the store's key check; use spike operator restore");
    }
    try {
      return Keyring.unwrap(key, wrapped.get());
    } catch (GeneralSecurityException e) {
      key.destroy();
      throw Refusal.conflict("the stored keyring does not open with the escrowed root key");
    }
  }

  private byte[] wrap(RootKey key, char[] password) {
    try {
      return PasswordEscrow.wrap(key, password, keyChanges.random());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot wrap the root key for escrow", e);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("the password must be valid text");
    }
  }
}
