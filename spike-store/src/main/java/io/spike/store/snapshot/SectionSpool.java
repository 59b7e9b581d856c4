package io.spike.store.snapshot;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One record section written aside to a scratch file while it is hashed and measured, where the
 * snapshot goes to a stream that cannot be written back into: a section's length precedes its
 * payload, and the header (first in the file) needs every count, so sections are spooled during the
 * export and copied into the snapshot afterwards (a snapshot file is written in place instead,
 * {@link StreamingVisitor}). Memory stays flat however many records there are. The scratch file
 * holds ciphertext only (as the snapshot does), is created owner-only, and is deleted on {@link
 * #close()}.
 */
final class SectionSpool implements AutoCloseable {

  private final Path file;
  private final Hashing hashing;
  private final DataOutputStream out;

  private SectionSpool(Path file, Hashing hashing) {
    this.file = file;
    this.hashing = hashing;
    this.out = new DataOutputStream(new BufferedOutputStream(hashing, 1 << 16));
  }

  static SectionSpool create(Path dir) throws IOException {
    Path file = Files.createTempFile(dir, ".spike-snapshot-", ".part"); // owner-only on POSIX
    try {
      return new SectionSpool(file, new Hashing(Files.newOutputStream(file)));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Where records are encoded. */
  DataOutputStream out() {
    return out;
  }

  /** Flushes and closes the scratch file: after this, {@link #length()} and {@link #digest()}. */
  void finish() throws IOException {
    out.close();
  }

  long length() {
    return hashing.length();
  }

  byte[] digest() {
    return hashing.digest();
  }

  void copyTo(OutputStream target) throws IOException {
    Files.copy(file, target);
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
