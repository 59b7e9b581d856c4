package io.spike.store.snapshot;

import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * Receives a store's export and writes each record section straight into the snapshot file, in file
 * order, with a zero length in its prefix: the lengths (and the header, before the sections) are
 * known only at the end and are written back into place by {@link SnapshotWriter}. This needs the
 * export's order ({@link io.spike.store.SpikeStore#export}: system, secrets, versions, policies),
 * which is the file's; a record of a section already closed is refused.
 */
final class StreamingVisitor extends SectionedVisitor {

  /** Where one written section's length goes, its length and its payload's SHA-256. */
  record Written(long lengthAt, long length, byte[] digest) {}

  private final BackgroundWriter writer;
  private final Counting file;
  private final Map<Section, Written> written = new EnumMap<>(Section.class);
  private Section current;
  private long lengthAt;
  private long payloadAt;
  private DataOutputStream data;

  /**
   * @param writer the snapshot file from where the first record section begins; it hashes each
   *     payload on its own thread
   * @param offset the file offset {@code writer} starts at
   */
  StreamingVisitor(BackgroundWriter writer, long offset) {
    this.writer = writer;
    this.file = new Counting(writer, offset);
  }

  @Override
  DataOutputStream out(Section section) throws IOException {
    if (section != current) {
      if (current != null && section.ordinal() < current.ordinal()) {
        throw new IllegalStateException(
            "the export gave a " + section.label + " record after the " + current.label + " ones");
      }
      closeThrough(section.ordinal() - 1);
      open(section);
    }
    return data;
  }

  /** Closes every record section (writing empty ones for records that never came). */
  void finish() throws IOException {
    closeThrough(Section.END.ordinal() - 1);
  }

  /** The record sections written, once {@link #finish} returned. */
  Written written(Section section) {
    return written.get(section);
  }

  private void closeThrough(int lastOrdinal) throws IOException {
    for (Section s : Section.values()) {
      if (s.holdsRecords() && s.ordinal() <= lastOrdinal && !written.containsKey(s)) {
        if (s != current) {
          open(s);
        }
        close();
      }
    }
  }

  private void open(Section section) throws IOException {
    SnapshotWriter.sectionPrefix(new DataOutputStream(file), section, 0); // length written back
    lengthAt = file.offset - Long.BYTES;
    current = section;
    writer.startDigest();
    payloadAt = file.offset;
    data = new DataOutputStream(new BufferedOutputStream(file, 1 << 16));
  }

  private void close() throws IOException {
    data.flush();
    byte[] digest = writer.endDigest();
    written.put(current, new Written(lengthAt, file.offset - payloadAt, digest));
    file.write(digest);
    data = null;
  }

  /** Counts the file offset. */
  private static final class Counting extends FilterOutputStream {
    long offset;

    Counting(OutputStream out, long offset) {
      super(out);
      this.offset = offset;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      offset++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      offset += len;
    }
  }
}
