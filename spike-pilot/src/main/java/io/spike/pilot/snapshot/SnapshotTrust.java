package io.spike.pilot.snapshot;

import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.ShardSearch;
import io.spike.store.snapshot.SnapshotHeader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one rule deciding whether a snapshot may be loaded ({@code spike snapshot restore}, {@code
 * spike drill}); both call it before they write anything.
 *
 * <p>A snapshot's section and file SHA-256s need no key, so whoever can write the backup directory
 * can splice records of an older snapshot (a revoked policy, an old secret version) into a file and
 * rewrite every checksum; each spliced record still decrypts. Only the HMAC under a key derived
 * from the root key proves that this system's Nexus (or an operator holding its recovery shards)
 * wrote the file. Hence:
 *
 * <ul>
 *   <li>a <b>signed</b> snapshot is always checked, with the root key rebuilt from recovery shards
 *       ({@link #withKey}: the HMAC, then every record as {@code verify} does) or by a running
 *       Nexus with its own root key ({@link #byNexus}); a signature that does not match is never
 *       skipped, whatever the flags;
 *   <li>an <b>unsigned</b> snapshot (an offline save without shards) is refused, unless the
 *       operator says {@code --allow-unsigned}; then nothing is checked and the command prints
 *       {@link #SKIPPED}. {@code --allow-unsigned} never lets a signed snapshot with a bad
 *       signature through.
 * </ul>
 *
 * <p>Verdicts name problems and places, never contents.
 */
public final class SnapshotTrust {
  /** What an unsigned snapshot cannot prove. */
  public static final String UNSIGNED =
      "unsigned: nothing proves who wrote it; records could have been spliced in"
          + " from other snapshots (a revoked policy, an old secret version)";

  /** How to get a snapshot that can prove it. */
  public static final String SIGN_HINT =
      "take a signed snapshot (spike snapshot save from Nexus, or offline with"
          + " --store S --shards D)";

  /** What {@code --allow-unsigned} skips, for the warning. */
  public static final String SKIPPED =
      "no signature was checked, so nothing proves who wrote it; records could"
          + " have been spliced in from other snapshots (a revoked policy, an old secret version)";

  /** Whether a snapshot may be loaded. */
  public sealed interface Verdict permits Genuine, UnsignedAllowed, Refused {}

  /**
   * The signature matched.
   *
   * @param how against which key, e.g. {@code HMAC matches the root key rebuilt from shards 1, 2}
   */
  public record Genuine(String how) implements Verdict {}

  /** Unsigned, and let through by {@code --allow-unsigned}: nothing was checked. */
  public record UnsignedAllowed() implements Verdict {}

  /**
   * Not to be loaded.
   *
   * @param problem what is wrong (first problem, and how many more)
   * @param remedy what the operator can do
   */
  public record Refused(String problem, String remedy) implements Verdict {}

  private SnapshotTrust() {}

  /**
   * The verdict that needs no key: for an unsigned snapshot, {@link UnsignedAllowed} or {@link
   * Refused}; empty for a signed one, which only a key can judge.
   */
  public static Optional<Verdict> withoutKey(SnapshotHeader header, boolean allowUnsigned) {
    if (header.signed()) {
      return Optional.empty();
    }
    return Optional.of(
        allowUnsigned
            ? new UnsignedAllowed()
            : new Refused(
                UNSIGNED,
                SIGN_HINT + ", or add --allow-unsigned if you know where this file came from"));
  }

  /**
   * Checks a signed snapshot with its root key: the HMAC, then every record ({@link
   * OfflineVerifier}). The key stays the caller's.
   *
   * @param file the (pinned) file whose intact header is {@code header}
   */
  public static Verdict withKey(Path file, SnapshotHeader header, ShardSearch.Found found) {
    if (!header.signed()) {
      throw new IllegalArgumentException("an unsigned snapshot is judged by withoutKey");
    }
    OfflineVerifier.Result result = OfflineVerifier.verify(file, header, found.key());
    if (!result.ok()) {
      return new Refused(
          first(result.problems()),
          "use another snapshot; spike snapshot verify F --shards D lists" + " every problem");
    }
    return new Genuine(
        "HMAC matches the root key rebuilt from shards "
            + found.shardIds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }

  /** Judges a signed snapshot by what Nexus answered to {@code ?action=verify} of it. */
  public static Verdict byNexus(SnapshotVerifyResponse answer, String nexus) {
    if (answer.ok() && answer.signed()) {
      return new Genuine("HMAC matches the root key of Nexus at " + nexus);
    }
    if (!answer.signed()) {
      return new Refused(
          "Nexus did not check a signature (it reports the file unsigned)",
          "check it offline with --shards D");
    }
    String problem =
        answer.problems().isEmpty()
            ? "it reports a failure without details"
            : first(answer.problems());
    return new Refused(
        problem,
        "use another snapshot, or check it with the recovery shards of the system it was"
            + " taken from (--shards D); spike snapshot verify F lists every problem");
  }

  private static String first(List<String> problems) {
    if (problems.isEmpty()) {
      return "verification failed without details";
    }
    int more = problems.size() - 1;
    return problems.get(0)
        + (more == 0 ? "" : " (and " + more + " more problem" + (more > 1 ? "s" : "") + ")");
  }
}
