package io.spike.nexus.backup;

import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.KeyCheck;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.barrier.Places;
import io.spike.store.PolicyRecord;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotCounts;
import io.spike.store.snapshot.SnapshotException;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotVisitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Proves a snapshot file good with a root key, without restoring it.
 *
 * <p>In order: the keyless structure and checksums ({@link SnapshotReader#inspect}: a damaged or
 * truncated file stops here, the problem naming the section); the header's key check against the
 * root key (else the one problem {@value #OTHER_ROOT_KEY}); the signature: the HMAC under the key
 * derived with {@link Snapshots#HMAC_LABEL} when the snapshot is signed, and the problem {@value
 * #UNSIGNED} when it is not (an unsigned file is never {@code ok}: its keyless checksums anyone can
 * rewrite, so records spliced in from other snapshots would still pass, and each of them still
 * decrypts); the snapshot's own keyring (its {@code keyring} system record) unwrapped with the root
 * key; then every secret's metadata, every version and every policy decrypted with the associated
 * data of its place ({@link Places}), and the records counted against the header.
 *
 * <p>Security promise: problems name places (section, path, version, policy name) and reasons,
 * never contents; every decrypted plaintext is wiped at once; the snapshot's keyring is destroyed
 * afterwards. The caller owns the root key. Records are streamed: memory grows with the number of
 * secret paths, not with the file.
 */
public final class SnapshotVerifier {
  static final String OTHER_ROOT_KEY = "snapshot is from another root key";
  static final String UNSIGNED =
      "unsigned: nothing proves who wrote it; records could have been spliced in from"
          + " other snapshots (take a signed one: spike snapshot save, or offline with --store S --shards D)";

  /** At most this many problems are listed; the rest are counted. */
  static final int MAX_PROBLEMS = 100;

  private final RootKey rootKey;
  private final Path file;

  public SnapshotVerifier(RootKey rootKey, Path file) {
    this.rootKey = rootKey;
    this.file = file;
  }

  /** Checks the file; never throws for anything wrong with it. */
  public SnapshotVerifyResponse verify() {
    return verify(records -> SnapshotReader.read(file, records));
  }

  /**
   * Checks the file's structure, checksums, key check and signature, then decrypts every record
   * that {@code source} hands to the visitor it is given and counts them against the header: the
   * records of the file itself ({@link #verify()}), or of a store the file was restored into
   * ({@code BackupVerifier}). Never throws for anything wrong with the file.
   */
  SnapshotVerifyResponse verify(Consumer<SnapshotVisitor> source) {
    InspectReport report;
    try {
      report = SnapshotReader.inspect(file);
    } catch (SnapshotException unreadable) {
      return failed(false, unreadable.getMessage());
    }
    if (!report.ok()) {
      String section = report.damagedSection().orElse("file");
      return failed(
          report.header().map(SnapshotHeader::signed).orElse(false),
          "section " + section + ": " + report.problem().orElse("damaged"));
    }
    SnapshotHeader header = report.header().orElseThrow();
    byte[] keyCheck = header.keyCheck();
    if (keyCheck.length == 0) {
      return failed(
          header.signed(), "header: the snapshot holds no key check (taken before bootstrap?)");
    }
    if (!KeyCheck.matches(rootKey, keyCheck)) {
      return failed(header.signed(), OTHER_ROOT_KEY);
    }
    Problems problems = new Problems();
    if (!header.signed()) {
      problems.add(UNSIGNED);
    } else if (!hmacMatches()) {
      problems.add(
          "trailer: the HMAC does not match this root key (altered, or signed by another nexus)");
    }
    RecordCheck records = new RecordCheck(problems);
    try {
      source.accept(records);
      records.compare(header);
    } catch (SnapshotException e) {
      problems.add(e.getMessage());
    } finally {
      records.close();
    }
    return new SnapshotVerifyResponse(
        problems.none(),
        header.signed(),
        records.secrets,
        records.versions,
        records.policies,
        problems.list());
  }

  private boolean hmacMatches() {
    byte[] key = rootKey.deriveKey(Snapshots.HMAC_LABEL, Snapshots.HMAC_KEY_BYTES);
    try {
      return SnapshotReader.verifyHmac(file, key);
    } finally {
      SecretBytes.wipe(key);
    }
  }

  private static SnapshotVerifyResponse failed(boolean signed, String problem) {
    return new SnapshotVerifyResponse(false, signed, 0, 0, 0, List.of(problem));
  }

  /** Decrypts each record as it streams by; counts what decrypted and what was seen. */
  private final class RecordCheck implements SnapshotVisitor {
    private final Problems problems;
    private final Set<String> secretPaths = new HashSet<>();
    private Keyring keyring;
    private boolean keyringMissingReported;
    private long secrets;
    private long versions;
    private long policies;
    private long seenSecrets;
    private long seenVersions;
    private long seenPolicies;
    private long seenSystem;

    RecordCheck(Problems problems) {
      this.problems = problems;
    }

    @Override
    public void system(SystemKey key, byte[] value) {
      seenSystem++;
      if (key == SystemKey.KEYRING) {
        try {
          keyring = Keyring.unwrap(rootKey, value);
        } catch (GeneralSecurityException e) {
          problems.add("system: the keyring does not open with this root key");
          keyringMissingReported = true;
        }
      } else if (key == SystemKey.KEY_CHECK && !KeyCheck.matches(rootKey, value)) {
        problems.add("system: the key-check record does not match this root key");
      }
    }

    @Override
    public void secret(SecretRecord record) {
      seenSecrets++;
      secretPaths.add(record.path());
      if (decrypts(
          record.metadata(),
          Places.secretMetadata(record.path()),
          () -> "secrets: the metadata of " + printable(record.path()) + " does not decrypt")) {
        secrets++;
      }
    }

    @Override
    public void version(VersionRecord record) {
      seenVersions++;
      String place = printable(record.path()) + " version " + record.version();
      if (!secretPaths.contains(record.path())) {
        problems.add("versions: " + place + " has no secret record");
      }
      if (decrypts(
          record.ciphertext(),
          Places.secretVersion(record.path(), record.version()),
          () -> "versions: " + place + " does not decrypt")) {
        versions++;
      }
    }

    @Override
    public void policy(PolicyRecord record) {
      seenPolicies++;
      if (decrypts(
          record.ciphertext(),
          Places.policy(record.name()),
          () -> "policies: policy " + printable(record.name()) + " does not decrypt")) {
        policies++;
      }
    }

    /** Whether there is a keyring to decrypt with; its absence is reported once. */
    private boolean canDecrypt() {
      if (keyring == null && !keyringMissingReported) {
        problems.add(
            "system: no keyring that opens with this root key; records cannot be decrypted");
        keyringMissingReported = true;
      }
      return keyring != null;
    }

    /**
     * Whether {@code ciphertext} opens at {@code place}; false, and {@code problem} reported, when
     * it does not; false when there is no keyring ({@link #canDecrypt}).
     */
    private boolean decrypts(byte[] ciphertext, String place, Supplier<String> problem) {
      if (!canDecrypt()) {
        return false;
      }
      if (opens(ciphertext, place)) {
        return true;
      }
      problems.add(problem.get());
      return false;
    }

    private boolean opens(byte[] ciphertext, String place) {
      try {
        SecretBytes.wipe(keyring.decrypt(ciphertext, place.getBytes(StandardCharsets.UTF_8)));
        return true;
      } catch (GeneralSecurityException e) {
        return false;
      }
    }

    /** Counts and keyring terms against what the header says. */
    void compare(SnapshotHeader header) {
      SnapshotCounts said = header.counts();
      compare("secrets", said.secrets(), seenSecrets);
      compare("versions", said.versions(), seenVersions);
      compare("policies", said.policies(), seenPolicies);
      compare("system records", said.system(), seenSystem);
      if (keyring == null) {
        if (!keyringMissingReported) {
          problems.add("system: no keyring that opens with this root key");
        }
        return;
      }
      Set<Integer> held = new TreeSet<>(keyring.terms());
      if (!header.keyringTerms().isEmpty() && !new TreeSet<>(header.keyringTerms()).equals(held)) {
        problems.add(
            "header: keyring terms "
                + header.keyringTerms()
                + " differ from the keyring's "
                + held);
      }
    }

    private void compare(String what, long said, long seen) {
      if (said != seen) {
        problems.add("header: counts say " + said + " " + what + ", the file holds " + seen);
      }
    }

    void close() {
      if (keyring != null) {
        keyring.destroy();
      }
    }
  }

  /** The first {@value #MAX_PROBLEMS} problems, and how many more there were. */
  private static final class Problems {
    private final List<String> listed = new ArrayList<>();
    private long more;

    void add(String problem) {
      if (listed.size() < MAX_PROBLEMS) {
        listed.add(problem);
      } else {
        more++;
      }
    }

    boolean none() {
      return listed.isEmpty();
    }

    List<String> list() {
      List<String> out = new ArrayList<>(listed);
      if (more > 0) {
        out.add("... and " + more + " more");
      }
      return out;
    }
  }

  /**
   * A path or name as it may appear in a problem: at most 200 characters, control characters
   * replaced.
   */
  private static String printable(String place) {
    String cut = place.length() > 200 ? place.substring(0, 200) + "..." : place;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
