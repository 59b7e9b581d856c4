package io.spike.nexus.sys;

import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.BootstrapVerifyResponse;
import io.spike.crypto.Aead;
import io.spike.crypto.AesGcmAead;
import io.spike.crypto.SecretBytes;
import io.spike.identity.SpiffeId;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code /v1/bootstrap/verify}, registered by {@link SysRoutes}: proves to bootstrap that Nexus
 * holds the root key it seeded. Bootstrap encrypts random bytes with {@code RootKey.aead()} and
 * associated data {@value #ASSOCIATED_DATA}, sending the first 12 bytes as {@code nonce} and the
 * rest as {@code ciphertext}; Nexus decrypts and answers the lowercase hex SHA-256 of the
 * plaintext. Bootstrap role only; a ciphertext that does not decrypt is 400.
 */
final class BootstrapVerifyRoute {
  static final String ASSOCIATED_DATA = "spike/bootstrap-verify";

  private final Barrier barrier;

  BootstrapVerifyRoute(Barrier barrier) {
    this.barrier = barrier;
  }

  Reply handle(SpiffeId caller, BootstrapVerifyRequest request) {
    byte[] nonce = request.nonce();
    byte[] ciphertext = request.ciphertext();
    byte[] joined =
        ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
    byte[] plaintext = barrier.withRootKey(key -> decrypt(key.aead(), joined));
    try {
      return Reply.json(
          new BootstrapVerifyResponse(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    } finally {
      SecretBytes.wipe(plaintext);
    }
  }

  private static byte[] decrypt(Aead aead, byte[] joined) {
    try {
      return aead.decrypt(joined, ASSOCIATED_DATA.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw Refusal.invalid("ciphertext does not decrypt under the root key");
    } finally {
      if (aead instanceof AesGcmAead gcm) {
        gcm.destroy();
      }
    }
  }
}
