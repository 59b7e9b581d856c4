package io.spike.store.snapshot;

import io.spike.store.ChangeLogPosition;
import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Receives a store's export and encodes each record into its section ({@link RecordCodec}),
 * counting records and keeping what the header needs (key check, change-log position). Where a
 * section's bytes go is the subclass's: a scratch file per section ({@link SpoolingVisitor}) or the
 * snapshot file itself ({@link StreamingVisitor}).
 */
abstract class SectionedVisitor implements RecordVisitor {

  /** Writes one record; an I/O failure ends the export. */
  @FunctionalInterface
  private interface Encoding {
    void write(DataOutputStream out) throws IOException;
  }

  private final long[] records = new long[Section.values().length];
  private byte[] keyCheck = new byte[0];
  private Optional<ChangeLogPosition> changeLog = Optional.empty();

  /** Where the records of {@code section} are encoded now. */
  abstract DataOutputStream out(Section section) throws IOException;

  @Override
  public final void changeLog(ChangeLogPosition position) {
    changeLog = Optional.of(position);
  }

  @Override
  public final void system(SystemKey key, byte[] value) {
    if (key == SystemKey.KEY_CHECK) {
      keyCheck = value.clone();
    }
    record(Section.SYSTEM, out -> RecordCodec.system(out, key, value));
  }

  @Override
  public final void secret(SecretRecord record) {
    record(Section.SECRETS, out -> RecordCodec.secret(out, record));
  }

  @Override
  public final void version(VersionRecord record) {
    record(Section.VERSIONS, out -> RecordCodec.version(out, record));
  }

  @Override
  public final void policy(PolicyRecord record) {
    record(Section.POLICIES, out -> RecordCodec.policy(out, record));
  }

  private void record(Section section, Encoding encoding) {
    try {
      encoding.write(out(section));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    records[section.ordinal()]++;
  }

  final SnapshotCounts counts() {
    return new SnapshotCounts(
        records[Section.SECRETS.ordinal()],
        records[Section.VERSIONS.ordinal()],
        records[Section.POLICIES.ordinal()],
        records[Section.SYSTEM.ordinal()]);
  }

  /** The key check seen in the export, or an empty array. */
  final byte[] keyCheck() {
    return keyCheck.clone();
  }

  /** The change-log position the export reported, if any. */
  final Optional<ChangeLogPosition> changeLog() {
    return changeLog;
  }
}
