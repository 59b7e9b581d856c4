package io.spike.pilot.bootstrap;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.NexusClient;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.BootstrapVerifyResponse;
import io.spike.crypto.Aead;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.pilot.cli.CliFailure;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * Proves Nexus holds the key bootstrap made: 32 random bytes encrypted under the key's AEAD with
 * associated data {@value #ASSOCIATED_DATA}, sent to {@code /v1/bootstrap/verify} (retried while
 * Nexus is still collecting shards, about a minute); Nexus's hex SHA-256 of the plaintext must
 * equal ours.
 */
record BootstrapVerifier(NexusClient nexus, Retry retry, SecureRandom random) {
  static final String ASSOCIATED_DATA = "spike/bootstrap-verify";
  static final int NONCE_BYTES = 12;
  static final RetryPolicy VERIFY =
      new RetryPolicy(40, Duration.ofMillis(250), Duration.ofSeconds(2));

  BootstrapVerifier {
    Objects.requireNonNull(nexus, "nexus");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(random, "random");
  }

  void verify(RootKey key) {
    byte[] text = new byte[32];
    random.nextBytes(text);
    try {
      BootstrapVerifyRequest request = request(key, text);
      BootstrapVerifyResponse answer;
      try {
        answer =
            retry.run(VERIFY, () -> nexus.verifyBootstrap(request), Bootstrap.transientFailures());
      } catch (ApiUnreachableException e) {
        throw new CliFailure(
            "Nexus at "
                + nexus.http().base()
                + " did not answer the verification: "
                + e.getMessage(),
            e);
      } catch (ApiException e) {
        throw new CliFailure(
            "Nexus could not verify the root key (" + e.getMessage() + "); see the Nexus log", e);
      }
      String expected = sha256Hex(text);
      String actual = answer.hash() == null ? "" : answer.hash().toLowerCase(Locale.ROOT);
      if (!MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          actual.getBytes(StandardCharsets.US_ASCII))) {
        throw new CliFailure(
            "Nexus decrypted the verification text to something else: it did not"
                + " rebuild the root key bootstrap made; check that every keeper URL is right, then reset and retry");
      }
    } finally {
      SecretBytes.wipe(text);
    }
  }

  /** The verify request: the AEAD output split into its 12-byte nonce and ciphertext+tag. */
  static BootstrapVerifyRequest request(RootKey key, byte[] text) {
    Aead aead = key.aead();
    byte[] blob = null;
    try {
      blob = aead.encrypt(text, ASSOCIATED_DATA.getBytes(StandardCharsets.UTF_8));
      return new BootstrapVerifyRequest(
          Arrays.copyOfRange(blob, 0, NONCE_BYTES),
          Arrays.copyOfRange(blob, NONCE_BYTES, blob.length));
    } catch (GeneralSecurityException e) {
      throw new CliFailure("cannot encrypt the verification text: " + e.getMessage(), e);
    } finally {
      SecretBytes.wipe(blob);
      destroy(aead);
    }
  }

  static String sha256Hex(byte[] text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }

  private static void destroy(Aead aead) {
    if (aead instanceof Destroyable) {
      try {
        ((Destroyable) aead).destroy();
      } catch (DestroyFailedException ignored) {
        // Best effort: the derived key is garbage as soon as this method returns.
      }
    }
  }
}
