package io.spike.nexus.cipher;

import io.spike.api.Routes;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import io.spike.server.pipeline.RouteTable;
import java.security.GeneralSecurityException;

/**
 * Encryption as a service, both routes guarded by {@code execute} on {@code spike/system/cipher},
 * served only while unsealed:
 *
 * <ul>
 *   <li>{@code /v1/cipher/encrypt}: {@code {plaintext}} to {@code {version, nonce, ciphertext}};
 *   <li>{@code /v1/cipher/decrypt}: {@code {version, nonce, ciphertext}} to {@code {plaintext}}. A
 *       ciphertext that names a term the keyring does not hold is refused at once (no reload of the
 *       keyring from the store, no barrier lock); one that fails authentication is refused too.
 * </ul>
 *
 * The plaintext copies are wiped once the answer is built.
 */
public final class CipherRoutes {
  private CipherRoutes() {}

  /** Adds the cipher routes to {@code table}. */
  public static void register(RouteTable.Builder table, Barrier barrier, Authorizer authorizer) {
    Guard<Object> execute = authorizer.guard(Authorizer.CIPHER_PATH, Permission.EXECUTE);
    table
        .add(
            Routes.CIPHER_ENCRYPT,
            Routes.ACTION_DEFAULT,
            Route.of(
                CipherPlaintext.class, execute, (caller, request) -> encrypt(barrier, request)))
        .add(
            Routes.CIPHER_DECRYPT,
            Routes.ACTION_DEFAULT,
            Route.of(CipherText.class, execute, (caller, request) -> decrypt(barrier, request)));
  }

  static Reply encrypt(Barrier barrier, CipherPlaintext request) {
    byte[] plaintext = request.plaintext();
    try {
      return Reply.json(
          CipherFormat.split(barrier.encrypt(plaintext, CipherFormat.ASSOCIATED_DATA)));
    } finally {
      SecretBytes.wipe(plaintext);
      request.destroy();
    }
  }

  static Reply decrypt(Barrier barrier, CipherText request) {
    // A term this Nexus does not hold is refused before anything else: no keyring reload from
    // the store, no barrier lock, however many such requests arrive.
    if (!barrier.holdsTerm(request.version())) {
      throw Refusal.invalid(
          "ciphertext names key term " + request.version() + ", which this nexus does not hold");
    }
    byte[] plaintext;
    try {
      plaintext = barrier.decrypt(CipherFormat.join(request), CipherFormat.ASSOCIATED_DATA);
    } catch (GeneralSecurityException e) {
      throw Refusal.invalid("ciphertext does not decrypt (altered, or not made by this nexus)");
    }
    try {
      CipherPlaintext answer = new CipherPlaintext(plaintext);
      return Reply.sensitive(answer, answer::destroy);
    } finally {
      SecretBytes.wipe(plaintext);
    }
  }
}
