package io.spike.pilot.snapshot;

import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.store.PolicyRecord;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotVisitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Proves, with the root key, that a snapshot is this system's and that every record opens: the HMAC
 * under {@code RootKey.deriveKey("spike/snapshot-hmac", 32)} (an unsigned snapshot is never good:
 * the problem {@link SnapshotTrust#UNSIGNED} comes first, and its records are still decrypted and
 * counted), the keyring wrapped in its {@code keyring} system record, and each secret metadata,
 * version and policy ciphertext decrypted with the associated data Nexus binds it with: {@code
 * secret-meta|<path>}, {@code secret|<path>|<version>}, {@code policy|<name>} (UTF-8). The numbers
 * that open must equal the header's counts.
 *
 * <p>Security: plaintexts are wiped as soon as they decrypt, the keyring is destroyed at the end;
 * problems name a record's place, never its content. The root key stays the caller's.
 */
public final class OfflineVerifier {
  /** Label of the snapshot HMAC key derived from the root key (as Nexus derives it). */
  public static final String HMAC_LABEL = "spike/snapshot-hmac";

  static final int MAX_LISTED_PROBLEMS = 20;

  /**
   * What verification found.
   *
   * @param signed whether the snapshot carries an HMAC (it was checked when so; when not, the first
   *     problem is {@link SnapshotTrust#UNSIGNED})
   * @param secrets secret metadata records that decrypted
   * @param versions secret versions that decrypted
   * @param policies policies that decrypted
   * @param problems what failed, by record place; empty when the snapshot is good
   */
  public record Result(
      boolean signed, long secrets, long versions, long policies, List<String> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private OfflineVerifier() {}

  /**
   * Verifies {@code file}, whose header (from an intact inspect) is {@code header}, with {@code
   * key}.
   */
  public static Result verify(Path file, SnapshotHeader header, RootKey key) {
    List<String> problems = new ArrayList<>();
    if (!header.signed()) {
      problems.add(SnapshotTrust.UNSIGNED);
    } else {
      byte[] hmacKey = key.deriveKey(HMAC_LABEL, 32);
      try {
        if (!SnapshotReader.verifyHmac(file, hmacKey)) {
          problems.add(
              "hmac: does not match: the file was changed after Nexus wrote it, or another system's"
                  + " root key signed it");
        }
      } finally {
        SecretBytes.wipe(hmacKey);
      }
    }
    Opener opener = new Opener(key, header, problems);
    try {
      SnapshotReader.read(file, opener);
    } catch (SnapshotException e) {
      problems.add("damaged: " + e.getMessage());
    } finally {
      opener.close();
    }
    opener.compareCounts(header);
    return new Result(
        header.signed(), opener.secrets, opener.versions, opener.policies, capped(problems));
  }

  private static List<String> capped(List<String> problems) {
    if (problems.size() <= MAX_LISTED_PROBLEMS) {
      return problems;
    }
    List<String> out = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
    out.add("... and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more");
    return out;
  }

  /** Opens each record as it streams by. */
  private static final class Opener implements SnapshotVisitor {
    private final RootKey key;
    private final SnapshotHeader header;
    private final List<String> problems;
    private Keyring keyring;
    private boolean keyringMissingReported;
    private long secrets;
    private long versions;
    private long policies;

    Opener(RootKey key, SnapshotHeader header, List<String> problems) {
      this.key = key;
      this.header = header;
      this.problems = problems;
    }

    @Override
    public void system(SystemKey systemKey, byte[] value) {
      try {
        if (systemKey == SystemKey.KEYRING) {
          try {
            keyring = Keyring.unwrap(key, value);
          } catch (GeneralSecurityException e) {
            problems.add("keyring: does not open with this root key");
          }
        } else if (systemKey == SystemKey.KEY_CHECK && !Arrays.equals(value, header.keyCheck())) {
          problems.add("key-check: the record differs from the header's key check");
        } else if (systemKey == SystemKey.KEY_CHECK && !KeyCheck.matches(key, value)) {
          problems.add("key-check: does not accept this root key");
        }
      } finally {
        SecretBytes.wipe(value);
      }
    }

    @Override
    public void secret(SecretRecord record) {
      if (opens(record.metadata(), "secret-meta|" + record.path())) {
        secrets++;
      }
    }

    @Override
    public void version(VersionRecord record) {
      if (opens(record.ciphertext(), "secret|" + record.path() + "|" + record.version())) {
        versions++;
      }
    }

    @Override
    public void policy(PolicyRecord record) {
      if (opens(record.ciphertext(), "policy|" + record.name())) {
        policies++;
      }
    }

    private boolean opens(byte[] ciphertext, String place) {
      if (keyring == null) {
        if (!keyringMissingReported) {
          problems.add(
              "keyring: no usable keyring record precedes the data; nothing can be decrypted");
          keyringMissingReported = true;
        }
        return false;
      }
      try {
        byte[] plain = keyring.decrypt(ciphertext, place.getBytes(StandardCharsets.UTF_8));
        SecretBytes.wipe(plain);
        return true;
      } catch (GeneralSecurityException e) {
        problems.add(place + ": does not decrypt");
        return false;
      }
    }

    void compareCounts(SnapshotHeader h) {
      compare("secrets", secrets, h.counts().secrets());
      compare("versions", versions, h.counts().versions());
      compare("policies", policies, h.counts().policies());
    }

    private void compare(String kind, long opened, long expected) {
      if (opened != expected) {
        problems.add(kind + ": " + opened + " decrypted, the header counts " + expected);
      }
    }

    void close() {
      if (keyring != null) {
        keyring.destroy();
      }
    }
  }
}
