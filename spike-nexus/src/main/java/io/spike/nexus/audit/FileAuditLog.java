package io.spike.nexus.audit;

import io.spike.api.Json;
import io.spike.api.wire.StatusResponse;
import io.spike.server.pipeline.AuditRecord;
import io.spike.store.SpikeStore;
import io.spike.store.SystemKey;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a file of JSON lines, each chained to the one before.
 *
 * <p>A line holds, in this order: {@code time} (RFC 3339, UTC), {@code requestId} (random UUID,
 * the same on both lines of a request), {@code type} ({@code request}, written before the route
 * runs, or {@code outcome}), {@code caller}, {@code route}, {@code action}, {@code path} (in full,
 * only when the request names a secret path or policy), on outcome lines {@code decision} and
 * {@code status}, and {@code prev}: the hex SHA-256 of
 * the previous line's exact bytes without its newline, or 64 zeros on the first line. On start
 * the chain continues from the file's last line; a file that ends in a partial line is refused
 * (inspect it with {@code spike audit verify}).
 *
 * <p>Durability: each line is written to the file with one {@code write} (it reaches the OS, and
 * survives a crash of Nexus) before {@link #request} or {@link #outcome} returns; forcing it to the disk on every
 * request would cost a disk flush per request, so the file is forced once a second in the
 * background and on {@link #close}. A power loss may thus lose the last second of lines.
 *
 * <p>Anchor: the same background task records the newest {@code (lines, hash)} in the store as
 * {@link SystemKey#AUDIT_ANCHOR} (at most once a second, and on close), so that a file cut short
 * is detectable ({@code spike audit verify --against-nexus}). A cut of lines written within the
 * last second before a crash (not yet anchored) goes undetected.
 */
public final class FileAuditLog implements AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
  /** The {@code prev} of the first line. */
  public static final String GENESIS = "0".repeat(64);

  private final Path file;
  private final FileChannel channel;
  private final SpikeStore store;
  private final Clock clock;
  private final ScheduledExecutorService background;
  private long lines;
  private String lastHash;
  private long anchoredLines = -1;
  private boolean dirty;

  private FileAuditLog(Path file, FileChannel channel, SpikeStore store, Clock clock, long lines, String lastHash) {
    this.file = file;
    this.channel = channel;
    this.store = store;
    this.clock = clock;
    this.lines = lines;
    this.lastHash = lastHash;
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-anchor");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens (creating it 0600 if needed) the log at {@code file} and starts anchoring every
   * {@code interval}.
   *
   * @throws AuditException when the file cannot be opened or read, or ends in a partial line
   */
  public static FileAuditLog open(Path file, SpikeStore store, Clock clock, Duration interval) {
    Path absolute = file.toAbsolutePath();
    try {
      Path parent = absolute.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      FileChannel channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      // Two writers would interleave two chains in one file: the first Nexus holds the file for its
      // life (the OS drops the lock if it dies), and a second one refuses to start.
      if (!exclusive(channel)) {
        channel.close();
        throw new AuditException("another Nexus writes the audit log " + absolute + "; give each replica its own"
            + " SPIKE_NEXUS_AUDIT_LOG (or SPIKE_NEXUS_DATA_DIR)", null);
      }
      long[] count = {0};
      String last = Files.size(absolute) > 0 ? lastLineHash(absolute, count) : GENESIS;
      FileAuditLog log = new FileAuditLog(absolute, channel, store, clock, count[0], last);
      log.anchor();
      long ms = Math.max(1, interval.toMillis());
      log.background.scheduleWithFixedDelay(log::sync, ms, ms, TimeUnit.MILLISECONDS);
      return log;
    } catch (IOException | RuntimeException e) {
      if (e instanceof AuditException audit) {
        throw audit;
      }
      throw new AuditException("cannot open the audit log " + absolute + " (SPIKE_NEXUS_AUDIT_LOG): " + e.getMessage(), e);
    }
  }

  private static boolean exclusive(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
      return false;
    }
  }

  @Override
  public void request(AuditRecord record) {
    Map<String, Object> line = common(record, "request");
    append(line);
  }

  @Override
  public void outcome(AuditRecord record, Decision decision, int status) {
    Map<String, Object> line = common(record, "outcome");
    line.put("decision", decision.wire());
    line.put("status", status);
    append(line);
  }

  private Map<String, Object> common(AuditRecord record, String type) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    line.put("requestId", record.requestId());
    line.put("type", type);
    line.put("caller", record.caller().toString());
    line.put("route", record.route());
    line.put("action", record.action());
    record.subject().ifPresent(p -> line.put("path", p));
    return line;
  }

  /** Chains {@code line} to the one before and writes it with one {@code write}. */
  private synchronized void append(Map<String, Object> line) {
    line.put("prev", lastHash);
    byte[] json = Json.encode(line);
    ByteBuffer out = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    try {
      while (out.hasRemaining()) {
        channel.write(out);
      }
    } catch (IOException | RuntimeException e) {
      throw new AuditException("cannot write the audit log " + file, e);
    }
    lines++;
    lastHash = sha256(json);
    dirty = true;
  }

  @Override
  public synchronized Optional<StatusResponse.Audit> head() {
    return Optional.of(new StatusResponse.Audit(lines, lastHash));
  }

  /** Forces the file and anchors the newest line; both now rather than within the next second. */
  public void sync() {
    try {
      boolean force;
      synchronized (this) {
        force = dirty;
        dirty = false;
      }
      if (force) {
        channel.force(false);
      }
      anchor();
    } catch (IOException | RuntimeException e) {
      LOG.warn("audit log {}: background force or anchor failed: {}", file, e.toString());
    }
  }

  private void anchor() {
    StatusResponse.Audit head;
    synchronized (this) {
      if (lines == anchoredLines) {
        return;
      }
      head = new StatusResponse.Audit(lines, lastHash);
    }
    store.putSystem(Map.of(SystemKey.AUDIT_ANCHOR, Json.encode(head)));
    synchronized (this) {
      anchoredLines = head.lines();
    }
  }

  /** Stops the background task, forces the file and records the final anchor. */
  @Override
  public void close() {
    background.shutdownNow();
    try {
      background.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      dirty = true;
    }
    sync();
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing the audit log {} failed: {}", file, e.toString());
    }
  }

  /** The anchor as recorded in {@code store}, if any. */
  public static Optional<StatusResponse.Audit> anchorIn(SpikeStore store) {
    return store.system(SystemKey.AUDIT_ANCHOR).map(b -> Json.decode(b, StatusResponse.Audit.class));
  }

  /** The hash of the file's last line (genesis when empty); {@code count[0]} gets the line count. */
  private static String lastLineHash(Path file, long[] count) throws IOException {
    MessageDigest digest = newDigest();
    byte[] hash = null;
    boolean open = false;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          hash = digest.digest();
          count[0]++;
          open = false;
        } else {
          digest.update((byte) b);
          open = true;
        }
      }
    }
    if (open) {
      throw new AuditException("the audit log " + file + " ends in a partial line (line " + (count[0] + 1)
          + "); check it with `spike audit verify` and move it aside", null);
    }
    return hash == null ? GENESIS : HexFormat.of().formatHex(hash);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "FileAuditLog[" + file + "]";
  }
}
