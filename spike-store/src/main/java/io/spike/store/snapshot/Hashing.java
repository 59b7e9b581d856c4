package io.spike.store.snapshot;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes (SHA-256) and counts what passes through: one section payload. */
final class Hashing extends FilterOutputStream {
  private final MessageDigest sha = SnapshotScanner.sha256();
  private long length;

  Hashing(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha.update((byte) b);
    length++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sha.update(b, off, len);
    length += len;
  }

  /** The bytes that passed. */
  long length() {
    return length;
  }

  /** Their SHA-256 (once: the digest is reset). */
  byte[] digest() {
    return sha.digest();
  }
}
