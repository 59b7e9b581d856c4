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
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Receives a store's export and encodes each record into its section's spool. */
final class SpoolingVisitor implements RecordVisitor, AutoCloseable {

  /** Writes one record; an I/O failure ends the export. */
  @FunctionalInterface
  private interface Encoding {
    void write(DataOutputStream out) throws IOException;
  }

  private final Map<Section, SectionSpool> spools = new EnumMap<>(Section.class);
  private byte[] keyCheck = new byte[0];
  private Optional<ChangeLogPosition> changeLog = Optional.empty();

  SpoolingVisitor(Path scratchDir) throws IOException {
    try {
      for (Section s : Section.values()) {
        if (s.holdsRecords()) {
          spools.put(s, SectionSpool.create(scratchDir));
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void changeLog(ChangeLogPosition position) {
    changeLog = Optional.of(position);
  }

  @Override
  public void system(SystemKey key, byte[] value) {
    if (key == SystemKey.KEY_CHECK) {
      keyCheck = value.clone();
    }
    spool(Section.SYSTEM, out -> RecordCodec.system(out, key, value));
  }

  @Override
  public void secret(SecretRecord record) {
    spool(Section.SECRETS, out -> RecordCodec.secret(out, record));
  }

  @Override
  public void version(VersionRecord record) {
    spool(Section.VERSIONS, out -> RecordCodec.version(out, record));
  }

  @Override
  public void policy(PolicyRecord record) {
    spool(Section.POLICIES, out -> RecordCodec.policy(out, record));
  }

  private void spool(Section section, Encoding encoding) {
    SectionSpool spool = spools.get(section);
    try {
      encoding.write(spool.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    spool.recorded();
  }

  /** Closes the scratch files for writing; then the spools can be measured and copied. */
  void finish() throws IOException {
    for (SectionSpool spool : spools.values()) {
      spool.finish();
    }
  }

  SectionSpool spool(Section section) {
    return spools.get(section);
  }

  SnapshotCounts counts() {
    return new SnapshotCounts(
        spools.get(Section.SECRETS).records(),
        spools.get(Section.VERSIONS).records(),
        spools.get(Section.POLICIES).records(),
        spools.get(Section.SYSTEM).records());
  }

  /** The key check seen in the export, or an empty array. */
  byte[] keyCheck() {
    return keyCheck.clone();
  }

  /** The change-log position the export reported, if any. */
  Optional<ChangeLogPosition> changeLog() {
    return changeLog;
  }

  /** Deletes the scratch files. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SectionSpool spool : spools.values()) {
      try {
        spool.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
