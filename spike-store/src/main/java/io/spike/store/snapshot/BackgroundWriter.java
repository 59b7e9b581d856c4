package io.spike.store.snapshot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes a file on a thread of its own, so that the disk work (the writes, and forcing them to disk
 * as they go) overlaps with the producer's (a store export): bytes are gathered into chunks that
 * the writer thread writes at the channel's position, forcing the file's data to disk every {@link
 * #FORCE_EVERY} bytes so that the final fsync has little left to do. Not thread-safe: one producer.
 *
 * <p>{@link #finish} waits until every byte is written and throws the writer's failure, if any;
 * {@link #abort} stops the writer, dropping what is queued. Either must be called, and after either
 * returns the writer thread no longer touches the channel.
 */
final class BackgroundWriter extends OutputStream {

  static final int CHUNK_BYTES = 256 << 10;
  static final long FORCE_EVERY = 32L << 20;
  private static final int CHUNKS = 4;

  private static final Object END = new Object();
  private static final Object DIGEST_START = new Object();

  /** The end of a digested run of bytes: the writer completes it with their SHA-256. */
  private record DigestEnd(CompletableFuture<byte[]> digest) {}

  private final FileChannel channel;
  // chunks in flight, a digest start and end, and the end mark always fit
  private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(CHUNKS + 3);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread thread;
  private volatile IOException failure;
  private volatile boolean aborted;
  private int allocated;
  private byte[] chunk;
  private int used;
  private boolean ended;

  BackgroundWriter(FileChannel channel) {
    this.channel = channel;
    this.thread = new Thread(this::run, "spike-snapshot-writer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void write(int b) throws IOException {
    if (chunk == null || used == chunk.length) {
      next();
    }
    chunk[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (chunk == null || used == chunk.length) {
        next();
      }
      int n = Math.min(len, chunk.length - used);
      System.arraycopy(b, off, chunk, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  /**
   * From here on, the writer thread also hashes the bytes (SHA-256) until {@link #endDigest}: a
   * section payload is hashed on the writer's core, not the producer's.
   */
  void startDigest() throws IOException {
    handOver();
    queue(DIGEST_START);
  }

  /** The SHA-256 of the bytes written since {@link #startDigest}; waits for the writer. */
  byte[] endDigest() throws IOException {
    handOver();
    DigestEnd end = new DigestEnd(new CompletableFuture<>());
    queue(end);
    try {
      return end.digest().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new InterruptedIOException("interrupted while writing a snapshot");
    } catch (ExecutionException e) {
      IOException failed = failure;
      throw failed != null
          ? new IOException(failed.getMessage(), failed)
          : new IOException("the snapshot writer stopped", e.getCause());
    }
  }

  /** Writes everything handed over so far and stops the writer; throws its failure, if any. */
  void finish() throws IOException {
    if (!ended) {
      handOver();
      end();
    }
    IOException failed = failure;
    if (failed != null) {
      throw new IOException(failed.getMessage(), failed);
    }
  }

  /** Stops the writer, dropping what is not written yet; never throws. */
  void abort() {
    aborted = true;
    if (!ended) {
      full.clear();
      end();
    }
  }

  /** Closing finishes. */
  @Override
  public void close() throws IOException {
    finish();
  }

  private void next() throws IOException {
    handOver();
    byte[] reuse = free.poll();
    if (reuse == null && allocated < CHUNKS) {
      allocated++;
      reuse = new byte[CHUNK_BYTES];
    }
    try {
      chunk = reuse != null ? reuse : free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new InterruptedIOException("interrupted while writing a snapshot");
    }
    used = 0;
  }

  private void handOver() throws IOException {
    IOException failed = failure;
    if (failed != null) {
      throw new IOException(failed.getMessage(), failed);
    }
    if (chunk != null && used > 0) {
      queue(ByteBuffer.wrap(chunk, 0, used));
      chunk = null;
      used = 0;
    }
  }

  private void queue(Object item) throws IOException {
    try {
      full.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new InterruptedIOException("interrupted while writing a snapshot");
    }
  }

  /** Queues the end mark (there is always room for it) and waits for the writer, uninterrupted. */
  private void end() {
    ended = true;
    full.add(END);
    ReadAhead.joinUninterruptibly(thread);
  }

  private void run() {
    long unforced = 0;
    MessageDigest digest = null;
    while (true) {
      Object item;
      try {
        item = full.take();
      } catch (InterruptedException e) {
        continue; // only the end mark stops the writer
      }
      if (item == END) {
        return;
      }
      if (item == DIGEST_START) {
        digest = SnapshotScanner.sha256();
        continue;
      }
      if (item instanceof DigestEnd end) {
        if (failure == null && !aborted && digest != null) {
          end.digest().complete(digest.digest());
        } else {
          end.digest().completeExceptionally(new IOException("the snapshot writer stopped"));
        }
        digest = null;
        continue;
      }
      ByteBuffer buffer = (ByteBuffer) item;
      if (failure == null && !aborted) {
        try {
          int length = buffer.remaining();
          if (digest != null) {
            digest.update(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
          }
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          unforced += length;
          if (unforced >= FORCE_EVERY) {
            channel.force(false);
            unforced = 0;
          }
        } catch (IOException e) {
          failure = e;
        } catch (RuntimeException e) {
          failure = new IOException(e.toString(), e);
        }
      }
      free.offer(buffer.array());
    }
  }
}
