package io.spike.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/**
 * Whether a private key belongs to a public key, by signing a random challenge and verifying it.
 * (java-spiffe 0.8.17's {@code X509Svid.parse} no longer checks this, and a mismatched pair would
 * fail every handshake.)
 */
final class KeyPairCheck {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairCheck() {}

  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    String algorithm =
        switch (privateKey.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      signer.initVerify(publicKey);
      signer.update(challenge);
      return signer.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
