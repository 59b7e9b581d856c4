package io.spike.nexus.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.spike.nexus.Periodic;
import io.spike.store.target.BackupTarget;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the audit log to the backup target beside the change log: every {@code
 * SPIKE_NEXUS_CHANGELOG_INTERVAL}, the complete lines appended to the local file since the last
 * shipped one become one new segment object {@code audit/<log>/<first>-<last>.jsonl} ({@link
 * AuditSegments}), the lines byte for byte as in the file, so the hash chain carries over. A
 * segment, once written, is never rewritten or deleted.
 *
 * <p>Line numbers are those of the shipped log: the local file's line numbers, plus {@code
 * fromLine} when the file starts with a {@code continued} line that continues this same shipped log
 * (a restored Nexus keeps shipping the one chain). Where to go on is read from the target, not kept
 * locally: at the first round, the newest segment's last line number and hash say which local line
 * was shipped last, so a crash between writing a segment and noting it neither loses nor repeats a
 * line; after a put that failed, the next round looks up whether that segment landed all the same.
 * When the local file does not hold the newest shipped line (a file replaced or an accepted gap),
 * every round fails (the file is looked at again once a minute) until an operator moves the shipped
 * log aside or gives the log a new {@code SPIKE_NEXUS_AUDIT_NAME}.
 *
 * <p>A failed round is logged at WARN, counted ({@code spike_audit_ship_failures_total}) and tried
 * again the next round. Shipping needs no key and runs while sealed (audit lines are written then
 * too). {@link #close} ships once more and closes the target.
 */
public final class AuditShipper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditShipper.class);

  /** Bytes after which a segment takes no further line (a segment may hold one line more). */
  static final int SEGMENT_BYTES = 4 << 20;

  private final Path file;
  private final String dir;
  private final Optional<BackupTarget> target;
  private final Duration interval;
  private final Counter failures;
  private Periodic schedule;

  /** Where shipping goes on; null until read from the target (and after a failure). */
  private Position position;

  /** A segment being put; its put may have landed even when it failed. */
  private Pending pending;

  private String lastProblem;

  /**
   * When the file was last found not to extend the shipped log; it is looked at again (a scan of
   * the file) at most once a minute, each round in between failing at once.
   */
  private long refusedAt = System.nanoTime() - RECHECK_NANOS;

  private static final long RECHECK_NANOS = Duration.ofMinutes(1).toNanos();

  /** The file does not hold the newest shipped line. */
  private static final class NotExtending extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotExtending(String message) {
      super(message);
    }
  }

  /** The segment {@code name} being put, and the position after it. */
  private record Pending(String name, Position next) {}

  /** The shipped line count and the local byte offset just after the last shipped line. */
  private record Position(long shipped, long offset) {}

  /** Complete lines read from the file: their bytes (each with its \n), count and end offset. */
  private record Batch(byte[] bytes, int lines, long end, String lastHash) {}

  AuditShipper(
      Path file,
      String name,
      Optional<BackupTarget> target,
      Duration interval,
      MeterRegistry registry) {
    this.file = file;
    this.dir = AuditSegments.logDir(name);
    this.target = target;
    this.interval = interval;
    this.failures =
        Counter.builder("spike.audit.ship.failures")
            .description("rounds of audit log shipping to the backup target that failed")
            .register(registry);
  }

  /**
   * The shipper of {@code audit} to {@code target} every {@code interval}; it ships nothing when
   * there is no target or auditing is off (its counter still exists).
   */
  public static AuditShipper of(
      AuditLog audit, Optional<BackupTarget> target, Duration interval, MeterRegistry registry) {
    if (audit instanceof FileAuditLog log) {
      return new AuditShipper(log.file(), log.name(), target, interval, registry);
    }
    return new AuditShipper(Path.of(""), "", Optional.empty(), interval, registry);
  }

  /** Starts shipping (the first round one interval from now); does nothing when off. */
  public synchronized void start() {
    if (target.isEmpty() || schedule != null) {
      return;
    }
    long every = Math.max(1, interval.toMillis());
    schedule =
        new Periodic(
            "audit-shipper",
            Duration.ofMillis(every),
            this::shipOnce,
            unexpected -> LOG.error("audit shipping failed unexpectedly", unexpected));
    schedule.start();
    LOG.info(
        "shipping the audit log {} to {} under {}{}/ every {} ms",
        file,
        target.get().describe(),
        AuditSegments.ROOT,
        dir,
        every);
  }

  /**
   * One round now: ships every complete line not yet shipped. Returns the lines shipped, or -1 when
   * the round failed (logged and counted).
   */
  synchronized long shipOnce() {
    if (target.isEmpty()) {
      return 0;
    }
    BackupTarget to = target.get();
    try {
      if (position == null) {
        if (System.nanoTime() - refusedAt < RECHECK_NANOS) {
          throw new NotExtending(lastProblem);
        }
        position = resume(to);
      }
      if (pending != null) {
        // A put that failed may have reached the target all the same: go on after it if it did.
        position = to.list(pending.name()).contains(pending.name()) ? pending.next() : position;
        pending = null;
      }
      long shipped = 0;
      while (true) {
        Batch batch = read(position.offset(), Long.MAX_VALUE, true);
        if (batch.lines() == 0) {
          break;
        }
        long first = position.shipped() + 1;
        long last = position.shipped() + batch.lines();
        String name = AuditSegments.name(dir, first, last);
        pending = new Pending(name, new Position(last, batch.end()));
        to.put(name, batch.bytes());
        position = pending.next();
        pending = null;
        shipped += batch.lines();
      }
      lastProblem = null;
      return shipped;
    } catch (IOException | RuntimeException e) {
      if (e instanceof NotExtending && System.nanoTime() - refusedAt >= RECHECK_NANOS) {
        refusedAt = System.nanoTime();
      }
      failures.increment();
      String problem = Objects.toString(e.getMessage(), e.toString());
      if (!problem.equals(lastProblem)) {
        LOG.warn(
            "shipping the audit log {} to {} failed: {}; trying again every round",
            file,
            to.describe(),
            problem);
      } else {
        LOG.debug("shipping the audit log failed again: {}", problem);
      }
      lastProblem = problem;
      return -1;
    }
  }

  /** Reads from the target where shipping goes on, and finds that line in the local file. */
  private Position resume(BackupTarget to) throws IOException {
    long base = base();
    Optional<AuditSegments.Segment> newest = AuditSegments.newest(to, dir);
    if (newest.isEmpty() || newest.get().last() <= base) {
      return new Position(base, 0);
    }
    AuditSegments.Tail tail = AuditSegments.tail(to, newest.get());
    long local = tail.line() - base;
    Batch through = read(0, local, false);
    if (through.lines() < local || !through.lastHash().equals(tail.hash())) {
      throw new NotExtending(
          "the audit log does not extend the shipped log "
              + AuditSegments.ROOT
              + dir
              + "/ (its line "
              + tail.line()
              + " is not the file's line "
              + local
              + "): the file was replaced or a gap accepted; move the shipped log aside or set a"
              + " new SPIKE_NEXUS_AUDIT_NAME");
    }
    return new Position(tail.line(), through.end());
  }

  /** {@code fromLine} when the file starts by continuing this same shipped log, else 0. */
  private long base() throws IOException {
    Batch first = read(0, 1, true);
    if (first.lines() == 0) {
      return 0;
    }
    byte[] line = Arrays.copyOf(first.bytes(), first.bytes().length - 1);
    return Continuation.of(line)
        .filter(c -> c.fromLog().equals(dir))
        .map(Continuation::fromLine)
        .orElse(0L);
  }

  /**
   * The complete lines from byte {@code offset} on: at most {@code maxLines}, and no more once
   * {@code SEGMENT_BYTES} are kept. With {@code keep} false only the count, end and last hash are
   * kept (to find a line in a long file). A partial last line (being written) is left for later.
   */
  private Batch read(long offset, long maxLines, boolean keep) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    int lines = 0;
    long at = offset;
    long end = offset;
    String lastHash = "";
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in =
            new BufferedInputStream(Channels.newInputStream(channel.position(offset)), 1 << 16)) {
      int b;
      while (lines < maxLines && kept.size() < SEGMENT_BYTES && (b = in.read()) != -1) {
        at++;
        if (b != '\n') {
          if (line.size() >= AuditScan.MAX_LINE_BYTES) {
            throw new IOException("a line longer than " + AuditScan.MAX_LINE_BYTES + " bytes");
          }
          line.write(b);
          continue;
        }
        lastHash = AuditScan.sha256(line.toByteArray());
        if (keep) {
          line.writeTo(kept);
          kept.write('\n');
        }
        line.reset();
        lines++;
        end = at;
      }
    }
    return new Batch(kept.toByteArray(), lines, end, lastHash);
  }

  /** Stops the schedule, ships once more and closes the target. */
  @Override
  public void close() {
    Periodic running;
    synchronized (this) {
      running = schedule;
      schedule = null;
    }
    if (running != null) {
      running.close();
      shipOnce();
    }
    target.ifPresent(BackupTarget::close);
  }

  @Override
  public String toString() {
    return "AuditShipper[" + file + " -> " + AuditSegments.ROOT + dir + "/]";
  }
}
