package io.spike.nexus.cipher;

import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.crypto.SecretBytes;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import java.security.GeneralSecurityException;

/**
 * {@code /v1/cipher/decrypt}: {@code {version, nonce, ciphertext}} to {@code {plaintext}}. A
 * ciphertext that names a term the keyring does not hold is 400 at once (no reload of the keyring
 * from the store, no barrier lock); one that fails authentication is 400 too.
 */
public final class DecryptRoute implements Route<CipherText> {
  private final Barrier barrier;
  private final Guard<CipherText> guard;

  public DecryptRoute(Barrier barrier, Authorizer authorizer) {
    this.barrier = barrier;
    this.guard = authorizer.guard(Authorizer.CIPHER_PATH, Permission.EXECUTE);
  }

  @Override
  public Class<CipherText> requestType() {
    return CipherText.class;
  }

  @Override
  public Guard<CipherText> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, CipherText request) {
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
