package io.spike.store.snapshot;

import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Streams a snapshot's records to a sink as {@link SnapshotScanner#stream} does, but reads, checks
 * and decodes the file on a thread of its own, a few batches ahead of the sink, so that a restore's
 * reading overlaps with its inserts. The sink sees the same records in the same order, on the
 * caller's thread, and the scanner's failure (damage found at a section's end) after the records it
 * had already handed on, as when streaming directly: the caller's transaction rolls back either
 * way. When the sink throws, the reader is stopped before the exception propagates.
 */
final class ReadAhead {

  static final int BATCH = 512;
  private static final int BATCHES_AHEAD = 4;

  private ReadAhead() {}

  /** The end of the stream: the header, or the scanner's failure. */
  private record End(SnapshotHeader header, Throwable failure) {}

  /** The reader was told to stop (the sink failed). */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("stopped", null, false, false);
    }
  }

  static SnapshotHeader stream(Path file, RecordVisitor sink) {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    Reader reader = new Reader(file, queue);
    Thread thread = new Thread(reader, "spike-snapshot-reader");
    thread.setDaemon(true);
    thread.start();
    try {
      while (true) {
        Object next = queue.take();
        if (next instanceof End end) {
          if (end.failure() instanceof RuntimeException e) {
            throw e;
          }
          if (end.failure() instanceof Error e) {
            throw e;
          }
          return end.header();
        }
        for (Object record : (Object[]) next) {
          if (record == null) {
            break;
          }
          deliver(record, sink);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("interrupted while restoring a snapshot", e);
    } finally {
      reader.stopped = true;
      queue.clear(); // a reader blocked on a full queue sees the stop
      joinUninterruptibly(thread);
    }
  }

  @SuppressWarnings("unchecked")
  private static void deliver(Object record, RecordVisitor sink) {
    if (record instanceof SecretRecord secret) {
      sink.secret(secret);
    } else if (record instanceof VersionRecord version) {
      sink.version(version);
    } else if (record instanceof PolicyRecord policy) {
      sink.policy(policy);
    } else {
      Map.Entry<SystemKey, byte[]> system = (Map.Entry<SystemKey, byte[]>) record;
      sink.system(system.getKey(), system.getValue());
    }
  }

  /** Waits for {@code thread} to end; an interrupt meanwhile is kept for the caller. */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Scans the file into batches of records; ends with an {@link End}. */
  private static final class Reader implements Runnable, RecordVisitor {
    private final Path file;
    private final BlockingQueue<Object> queue;
    private Object[] batch = new Object[BATCH];
    private int size;
    volatile boolean stopped;

    Reader(Path file, BlockingQueue<Object> queue) {
      this.file = file;
      this.queue = queue;
    }

    @Override
    public void run() {
      End end;
      try {
        end = new End(SnapshotScanner.stream(file, this), null);
      } catch (Stopped s) {
        return;
      } catch (Throwable t) {
        end = new End(null, t);
      }
      try {
        flush(); // the records read before a failure too, as when streaming directly
        hand(end);
      } catch (Stopped s) {
        // the sink is gone
      }
    }

    @Override
    public void system(SystemKey key, byte[] value) {
      add(new SimpleImmutableEntry<>(key, value));
    }

    @Override
    public void secret(SecretRecord record) {
      add(record);
    }

    @Override
    public void version(VersionRecord record) {
      add(record);
    }

    @Override
    public void policy(PolicyRecord record) {
      add(record);
    }

    private void add(Object record) {
      batch[size++] = record;
      if (size == BATCH) {
        flush();
      }
    }

    private void flush() {
      if (size > 0) {
        hand(batch);
        batch = new Object[BATCH];
        size = 0;
      }
    }

    /** Queues {@code item}, waiting for room unless told to stop. */
    private void hand(Object item) {
      try {
        while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
          if (stopped) {
            throw new Stopped();
          }
        }
      } catch (InterruptedException e) {
        throw new Stopped();
      }
      if (stopped) {
        throw new Stopped();
      }
    }
  }
}
