package io.spike.store.snapshot;

import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Receives a store's export and encodes each record into its section's spool. */
final class SpoolingVisitor extends SectionedVisitor implements AutoCloseable {

  private final Map<Section, SectionSpool> spools = new EnumMap<>(Section.class);

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
  DataOutputStream out(Section section) {
    return spools.get(section).out();
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
