package io.spike.nexus.cipher;

import io.spike.api.wire.CipherPlaintext;
import io.spike.crypto.SecretBytes;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.policy.Authorizer;
import io.spike.nexus.policy.Permission;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;

/** {@code /v1/cipher/encrypt}: {@code {plaintext}} to {@code {version, nonce, ciphertext}}. */
public final class EncryptRoute implements Route<CipherPlaintext> {
  private final Barrier barrier;
  private final Guard<CipherPlaintext> guard;

  public EncryptRoute(Barrier barrier, Authorizer authorizer) {
    this.barrier = barrier;
    this.guard = authorizer.guard(Authorizer.CIPHER_PATH, Permission.EXECUTE);
  }

  @Override
  public Class<CipherPlaintext> requestType() {
    return CipherPlaintext.class;
  }

  @Override
  public Guard<CipherPlaintext> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, CipherPlaintext request) {
    byte[] plaintext = request.plaintext();
    try {
      return Reply.json(
          CipherFormat.split(barrier.encrypt(plaintext, CipherFormat.ASSOCIATED_DATA)));
    } finally {
      SecretBytes.wipe(plaintext);
      request.destroy();
    }
  }
}
