package io.spike.pilot.drill;

import io.spike.pilot.snapshot.ChangeLogOptions;
import io.spike.store.snapshot.SnapshotCounts;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a drill, rendered as Markdown and JSON by {@link ReportFiles}. Holds no secret
 * value: places and numbers only.
 *
 * @param snapshot the snapshot file drilled
 * @param started when the drill began
 * @param finished when it ended
 * @param created when the snapshot was taken, when its header was readable
 * @param rpoSeconds the age at the start of the drill of the last change restored: the snapshot's
 *     or, with {@code --changes}, the last replayed change's; data written after it is lost
 * @param rtoSeconds seconds from launching the scratch Nexus to its {@code /readyz} answering 200;
 *     absent when it never got ready
 * @param threshold the Shamir threshold found from the shards (the smallest set that opens the key
 *     check)
 * @param shardsUsed the ids of the shards fed to the scratch Nexus
 * @param expected the snapshot header's counts
 * @param found what the scratch Nexus served back
 * @param checks every check, in order
 * @param verdict {@code PASS} when every check passed, else {@code FAIL}
 * @param reasons why it failed (the failed checks' details); empty on PASS
 * @param nexusLog the scratch Nexus's last log lines, kept only on FAIL
 * @param changes the point a replayed change log reached ({@code --changes}); empty without
 */
public record DrillReport(
    String snapshot,
    Instant started,
    Instant finished,
    Optional<Instant> created,
    Optional<Long> rpoSeconds,
    Optional<Double> rtoSeconds,
    Optional<Integer> threshold,
    List<Integer> shardsUsed,
    Optional<SnapshotCounts> expected,
    Found found,
    List<Check> checks,
    String verdict,
    List<String> reasons,
    List<String> nexusLog,
    Optional<ChangeLogOptions.Point> changes) {

  public static final String PASS = "PASS";
  public static final String FAIL = "FAIL";

  public DrillReport {
    shardsUsed = List.copyOf(shardsUsed);
    checks = List.copyOf(checks);
    reasons = List.copyOf(reasons);
    nexusLog = List.copyOf(nexusLog);
    Objects.requireNonNull(changes, "changes");
  }

  public boolean passed() {
    return PASS.equals(verdict);
  }

  /**
   * One check of the drill.
   *
   * @param name what was checked
   * @param ok whether it passed
   * @param detail what was seen (numbers, places, the error)
   */
  public record Check(String name, boolean ok, String detail) {}

  /**
   * What the scratch Nexus served back.
   *
   * @param secrets secret paths listed
   * @param versions versions named by the secrets' metadata (live and soft-deleted)
   * @param liveVersionsRead live versions read back (each decrypted by Nexus)
   * @param policies policies read back
   */
  public record Found(long secrets, long versions, long liveVersionsRead, long policies) {
    public static final Found NONE = new Found(0, 0, 0, 0);
  }
}
