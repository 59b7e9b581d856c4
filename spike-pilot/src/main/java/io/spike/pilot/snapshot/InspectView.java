package io.spike.pilot.snapshot;

import io.spike.store.ChangeLogPosition;
import io.spike.store.snapshot.InspectReport;
import io.spike.store.snapshot.SnapshotCounts;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotRecovery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code spike snapshot inspect} shows, as data (for {@code -f json|yaml}) and as text. Built
 * from a keyless {@link InspectReport}: no key check bytes, no record content.
 *
 * @param file the snapshot file
 * @param size its size in bytes
 * @param ok whether every checksum matched
 * @param formatVersion the format version, when the header was intact
 * @param created when the snapshot was taken
 * @param backend the store it was taken from
 * @param counts records of each kind
 * @param keyringTerms data-key terms (empty: unknown, taken offline)
 * @param signed whether it carries an HMAC under a key derived from the root key
 * @param sectionDigests SHA-256 of each intact section, in file order
 * @param fileDigest SHA-256 over the whole file (empty when damaged)
 * @param damagedSection the first damaged section
 * @param problem what is wrong there
 * @param recovery threshold, share count and commitments fingerprint of the recovery shards that
 *     restore it (snapshots Nexus took since shard commitments exist)
 * @param changeLog the change log and its last change the snapshot holds: a point-in-time restore
 *     replays from there ({@code --changes})
 */
public record InspectView(
    String file,
    long size,
    boolean ok,
    Optional<Integer> formatVersion,
    Optional<Instant> created,
    Optional<String> backend,
    Optional<SnapshotCounts> counts,
    Optional<List<Integer>> keyringTerms,
    Optional<Boolean> signed,
    Map<String, String> sectionDigests,
    String fileDigest,
    Optional<String> damagedSection,
    Optional<String> problem,
    Optional<SnapshotRecovery> recovery,
    Optional<ChangeLogPosition> changeLog) {

  /** The view of {@code report} on {@code file} of {@code size} bytes. */
  public static InspectView of(Path file, long size, InspectReport report) {
    Optional<SnapshotHeader> h = report.header();
    return new InspectView(
        file.toString(),
        size,
        report.ok(),
        h.map(SnapshotHeader::formatVersion),
        h.map(SnapshotHeader::created),
        h.map(SnapshotHeader::backend),
        h.map(SnapshotHeader::counts),
        h.map(SnapshotHeader::keyringTerms),
        h.map(SnapshotHeader::signed),
        report.sectionDigests(),
        report.fileDigest(),
        report.damagedSection(),
        report.problem(),
        h.flatMap(SnapshotHeader::recovery),
        h.flatMap(SnapshotHeader::changeLog));
  }

  /** The one-line refusal for a damaged file (the caller adds what to do). */
  public static String damage(Path file, InspectReport report) {
    return "snapshot " + file + " is " + damageDetail(report);
  }

  /**
   * {@code damaged in section versions (checksum mismatch)}, or {@code not a readable snapshot
   * (...)}.
   */
  public static String damageDetail(InspectReport report) {
    String problem = report.problem().orElse("unreadable");
    return report
        .damagedSection()
        .map(section -> "damaged in section " + section + " (" + problem + ")")
        .orElse("not a readable snapshot (" + problem + ")");
  }

  /** The human form: header fields, then every digest, then {@code ok}. */
  public String human() {
    StringBuilder b = new StringBuilder();
    b.append("snapshot:      ").append(file).append(" (").append(size).append(" bytes)\n");
    formatVersion.ifPresent(v -> b.append("format:        ").append(v).append('\n'));
    created.ifPresent(c -> b.append("created:       ").append(c).append('\n'));
    backend.ifPresent(v -> b.append("backend:       ").append(v).append('\n'));
    counts.ifPresent(c -> b.append("records:       ").append(counts(c)).append('\n'));
    keyringTerms.ifPresent(
        t ->
            b.append("keyring terms: ")
                .append(
                    t.isEmpty()
                        ? "unknown (taken offline from a store)"
                        : t.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append('\n'));
    signed.ifPresent(
        s ->
            b.append("signed:        ")
                .append(
                    s
                        ? "yes (HMAC under the root key; verify, restore and drill check it)"
                        : "no (restore needs --allow-unsigned)")
                .append('\n'));
    recovery.ifPresent(r -> b.append("recovery:      ").append(r.describe()).append('\n'));
    changeLog.ifPresent(
        c ->
            b.append("change log:    ")
                .append(c.logId())
                .append(" through change ")
                .append(c.lastSeq())
                .append(" (--changes replays from there)\n"));
    b.append("sha-256:\n");
    sectionDigests.forEach((name, digest) -> b.append(String.format("  %-9s %s\n", name, digest)));
    if (!fileDigest.isEmpty()) {
      b.append(String.format("  %-9s %s\n", "file", fileDigest));
    }
    b.append(
        ok
            ? "ok\n"
            : "damaged: section "
                + damagedSection.orElse("?")
                + " ("
                + problem.orElse("?")
                + ")\n");
    return b.toString();
  }

  /** {@code 3 secrets, 7 versions, 2 policies, 2 system records}. */
  public static String counts(SnapshotCounts c) {
    return c.secrets()
        + " secrets, "
        + c.versions()
        + " versions, "
        + c.policies()
        + " policies, "
        + c.system()
        + " system records";
  }
}
