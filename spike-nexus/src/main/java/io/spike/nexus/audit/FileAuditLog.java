package io.spike.nexus.audit;

import io.spike.api.Json;
import io.spike.api.wire.StatusResponse;
import io.spike.config.Settings;
import io.spike.nexus.NexusConfig;
import io.spike.nexus.PrivateDirectory;
import io.spike.server.pipeline.AuditRecord;
import io.spike.store.AuditAnchor;
import io.spike.store.SpikeStore;
import io.spike.store.target.BackupTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log as a file of JSON lines, each chained to the one before.
 *
 * <p>A line holds, in this order: {@code time} (RFC 3339, UTC), {@code requestId} (random UUID, the
 * same on both lines of a request), {@code type} ({@code request}, written before the route runs,
 * or {@code outcome}), {@code caller}, {@code route}, {@code action}, {@code path} (in full, only
 * when the request names a secret path or policy), on outcome lines {@code decision} and {@code
 * status}, and {@code prev}: the hex SHA-256 of the previous line's exact bytes without its
 * newline, or 64 zeros on the first line of a chain. A file that ends in a partial line is refused
 * (inspect it with {@code spike audit verify}).
 *
 * <p>Durability: each line is written to the file with one {@code write} (it reaches the OS, and
 * survives a crash of Nexus) before {@link #request} or {@link #outcome} returns; the file is
 * forced to the disk once a second in the background and on {@link #close}. A power loss may thus
 * lose the last second of lines.
 *
 * <p>Anchor: the same background task records the newest {@code (lines, hash)} in the store under
 * the log's name ({@link SpikeStore#advanceAuditAnchor}), which never moves an anchor backwards. On
 * start the file must be one intact chain (every line's {@code prev} the hash of the line before)
 * and extend its anchor: at least as many lines, and line {@code lines} hashing to the anchored
 * hash. A file cut short, replaced or edited while Nexus was down stops Nexus from starting, with
 * the reason, until an operator accepts the gap by starting it once with {@code
 * SPIKE_NEXUS_AUDIT_ACCEPT_GAP=<the anchored hash>}: the damaged file is moved aside (kept as
 * evidence, {@code <file>.gap-<UTC time>}) and a new file starts a new chain whose first line, of
 * type {@code gap}, names what was lost. A cut of lines written within the last second before a
 * crash (not yet anchored) goes undetected.
 *
 * <p>Backup target ({@link #open(NexusConfig.Audit, SpikeStore, Clock, Duration, Optional)}): a new
 * (absent or empty) file whose target holds shipped audit segments starts with a {@code continued}
 * line chained to the last shipped line ({@link AuditSegments#continuation}); a lost file whose
 * anchored line the target holds is not a gap (the anchor restarts at the continued line).
 *
 * <p>Files are created 0600 (an existing file looser than that is tightened), and every directory
 * created for them 0700.
 */
public final class FileAuditLog implements AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);

  /** The {@code prev} of the first line of a chain. */
  public static final String GENESIS = "0".repeat(64);

  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final DateTimeFormatter GAP_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final String name;
  private final FileChannel channel;
  private final SpikeStore store;
  private final Clock clock;
  private final ScheduledExecutorService background;
  private long lines;
  private String lastHash;
  private long anchoredLines = -1;
  private boolean dirty;
  private boolean collisionReported;

  private FileAuditLog(
      Path file,
      String name,
      FileChannel channel,
      SpikeStore store,
      Clock clock,
      long lines,
      String lastHash) {
    this.file = file;
    this.name = name;
    this.channel = channel;
    this.store = store;
    this.clock = clock;
    this.lines = lines;
    this.lastHash = lastHash;
    this.background =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-anchor");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens (creating it if needed) the log {@code settings.log()}, checks it extends its anchor, and
   * starts anchoring every {@code interval}.
   *
   * @throws AuditException when the file cannot be opened or read, ends in a partial line, or does
   *     not extend its anchor (and the gap is not accepted)
   */
  public static FileAuditLog open(
      NexusConfig.Audit settings, SpikeStore store, Clock clock, Duration interval) {
    return open(settings, store, clock, interval, Optional.empty());
  }

  /**
   * Opens the log like {@link #open(NexusConfig.Audit, SpikeStore, Clock, Duration)}; when the file
   * is new (absent or empty) and {@code shipped} holds shipped audit segments, the first line
   * written is a {@code continued} line chained to the last shipped line ({@link
   * AuditSegments#continuation}), so the chain runs on from the shipped log.
   *
   * @throws AuditException also when the target cannot be read to find that line
   */
  public static FileAuditLog open(
      NexusConfig.Audit settings,
      SpikeStore store,
      Clock clock,
      Duration interval,
      Optional<BackupTarget> shipped) {
    Path absolute =
        settings
            .log()
            .orElseThrow(() -> new IllegalArgumentException("no audit log file"))
            .toAbsolutePath();
    String name = settings.name().orElseGet(() -> defaultName(absolute));
    FileChannel channel = null;
    try {
      channel = openPrivate(absolute);
      Optional<AuditAnchor> anchor = store.auditAnchor(name);
      AuditScan scan = AuditScan.of(absolute, anchor.map(AuditAnchor::lines).orElse(0L));
      Optional<String> gap = scan.gapFrom(anchor);
      Optional<Continuation> from =
          scan.lines() == 0 && shipped.isPresent()
              ? continuation(shipped.get(), name)
              : Optional.empty();
      if (gap.isPresent() && from.isPresent() && shipsAnchor(shipped.get(), name, anchor)) {
        LOG.warn(
            "the audit log {} is new but the store anchored {} lines of it: the shipped log {}{}/"
                + " holds them all, and the new file continues it",
            absolute,
            anchor.map(AuditAnchor::lines).orElse(0L),
            AuditSegments.ROOT,
            from.get().fromLog());
        gap = Optional.empty();
      }
      if (gap.isPresent()) {
        // What the operator names to accept the gap: the anchor, or (never anchored) the file's
        // last line.
        AuditAnchor accepted = anchor.orElse(new AuditAnchor(scan.lines(), scan.lastHash()));
        if (!settings.acceptGap().equals(Optional.of(accepted.lastHash()))) {
          throw new AuditException(
              refusal(absolute, gap.get(), accepted, settings.acceptGap()), null);
        }
        channel = acceptGap(absolute, name, channel, store, clock, accepted, scan, gap.get());
        scan = AuditScan.of(absolute, 0);
      } else if (from.isPresent()) {
        byte[] first = writeFirst(channel, continuedLine(clock, from.get()));
        if (anchor.isPresent()) {
          store.resetAuditAnchor(name, new AuditAnchor(1, AuditScan.sha256(first)));
        }
        scan = AuditScan.of(absolute, 0);
      }
      if (gap.isEmpty() && settings.acceptGap().isPresent()) {
        LOG.warn(
            "{} is set but the audit log {} extends its anchor: there is no gap to accept; unset it",
            Settings.AUDIT_ACCEPT_GAP.name(),
            absolute);
      }
      FileAuditLog log =
          new FileAuditLog(absolute, name, channel, store, clock, scan.lines(), scan.lastHash());
      log.advanceAnchor();
      long ms = Math.max(1, interval.toMillis());
      log.background.scheduleWithFixedDelay(log::sync, ms, ms, TimeUnit.MILLISECONDS);
      return log;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof AuditException audit) {
        throw audit;
      }
      throw new AuditException(
          "cannot open the audit log " + absolute + " (SPIKE_NEXUS_AUDIT_LOG): " + e.getMessage(),
          e);
    }
  }

  /**
   * Opens the file for appending, creating it 0600 (and its missing directories 0700), locked for
   * this process.
   */
  private static FileChannel openPrivate(Path absolute) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path parent = absolute.getParent();
    if (parent != null) {
      PrivateDirectory.create(parent);
    }
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
            : new FileAttribute<?>[0];
    FileChannel channel =
        FileChannel.open(
            absolute,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            attributes);
    try {
      if (posix && !Files.getPosixFilePermissions(absolute).equals(FILE_MODE)) {
        Files.setPosixFilePermissions(absolute, FILE_MODE);
      }
      // Two writers would interleave two chains in one file: the first Nexus holds the file for
      // its life (the OS drops the lock if it dies), and a second one refuses to start.
      if (!exclusive(channel)) {
        throw new AuditException(
            "another Nexus writes the audit log "
                + absolute
                + "; give each replica its own"
                + " SPIKE_NEXUS_AUDIT_LOG (or SPIKE_NEXUS_DATA_DIR)",
            null);
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static boolean exclusive(FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      return lock != null;
    } catch (OverlappingFileLockException sameJvm) {
      return false;
    }
  }

  private static String refusal(
      Path file, String gap, AuditAnchor anchor, Optional<String> acceptGap) {
    return "the audit log "
        + file
        + " is not intact: "
        + gap
        + ". Lines were removed or changed"
        + " while Nexus was not running (or the file was replaced). Nexus will not serve until an operator"
        + " accepts the gap: check the file with `spike audit verify`, keep a copy as evidence, then start Nexus"
        + " once with "
        + Settings.AUDIT_ACCEPT_GAP.name()
        + "="
        + anchor.lastHash()
        + " (it moves the file aside and"
        + " starts a new chain whose first line records the gap)"
        + (acceptGap.isPresent()
            ? "; the " + Settings.AUDIT_ACCEPT_GAP.name() + " given names another anchor"
            : "");
  }

  /**
   * Moves the damaged file aside, starts a new file whose first line records the gap, and resets
   * the anchor to it. Returns the new file's channel (the old one is closed).
   */
  private static FileChannel acceptGap(
      Path file,
      String name,
      FileChannel old,
      SpikeStore store,
      Clock clock,
      AuditAnchor anchor,
      AuditScan scan,
      String gap)
      throws IOException {
    Path aside =
        file.resolveSibling(file.getFileName() + ".gap-" + GAP_SUFFIX.format(clock.instant()));
    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    old.close();
    FileChannel fresh = openPrivate(file);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", now(clock));
    line.put("type", "gap");
    line.put("reason", gap);
    line.put("anchoredLines", anchor.lines());
    line.put("anchoredHash", anchor.lastHash());
    line.put("foundLines", scan.lines());
    line.put("foundLastHash", scan.lastHash());
    line.put("previousFile", aside.toString());
    line.put("acceptedBy", Settings.AUDIT_ACCEPT_GAP.name());
    line.put("prev", GENESIS);
    byte[] json = writeFirst(fresh, line);
    store.resetAuditAnchor(name, new AuditAnchor(1, AuditScan.sha256(json)));
    LOG.warn(
        "audit gap accepted ({}): {} moved to {}; a new chain starts with a gap record",
        gap,
        file,
        aside);
    return fresh;
  }

  /** Writes the first line of a new file and forces it to the disk; returns its bytes. */
  private static byte[] writeFirst(FileChannel channel, Map<String, Object> line)
      throws IOException {
    byte[] json = Json.encode(line);
    ByteBuffer out = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    channel.force(false);
    return json;
  }

  /**
   * Whether the shipped log of this name holds the anchored line (so a lost file lost nothing the
   * store vouched for: the target has every line); looks back through the newest 1000 segments.
   */
  private static boolean shipsAnchor(
      BackupTarget target, String name, Optional<AuditAnchor> anchor) {
    try {
      return anchor.isPresent()
          && AuditSegments.holds(target, AuditSegments.logDir(name), anchor.get().lastHash(), 1000);
    } catch (RuntimeException e) {
      LOG.warn("cannot read the shipped audit log at {}: {}", target.describe(), e.getMessage());
      return false;
    }
  }

  /** What a new log named {@code name} continues at {@code target}, if anything. */
  private static Optional<Continuation> continuation(BackupTarget target, String name) {
    try {
      return AuditSegments.continuation(target, name);
    } catch (RuntimeException e) {
      throw new AuditException(
          "the audit log is new and the backup target "
              + target.describe()
              + " cannot be read to find the shipped audit chain it continues: "
              + e.getMessage(),
          e);
    }
  }

  /** The {@code continued} line: the first line of a log that continues a shipped one. */
  private static Map<String, Object> continuedLine(Clock clock, Continuation from) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", now(clock));
    line.put("type", Continuation.TYPE);
    line.put("fromLog", from.fromLog());
    line.put("fromLine", from.fromLine());
    line.put("prev", from.previousHash());
    LOG.info(
        "the audit log is new: its first line continues the shipped log {}{}/ after line {}",
        AuditSegments.ROOT,
        from.fromLog(),
        from.fromLine());
    return line;
  }

  private static String now(Clock clock) {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public void request(AuditRecord record) {
    append(common(record, "request"));
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
    line.put("time", now(clock));
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
    long before = -1;
    try {
      before = channel.size();
      while (out.hasRemaining()) {
        channel.write(out);
      }
    } catch (IOException | RuntimeException e) {
      tearOff(before);
      throw new AuditException("cannot write the audit log " + file + ": " + e.getMessage(), e);
    }
    lines++;
    lastHash = AuditScan.sha256(json);
    dirty = true;
  }

  /**
   * After a failed write (a full disk takes part of a line), cuts the file back to where the line
   * began, so the file never ends in a partial line that would stop the next start.
   */
  private void tearOff(long size) {
    if (size < 0) {
      return;
    }
    try {
      if (channel.size() > size) {
        channel.truncate(size);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "audit log {}: a failed write left part of a line that could not be cut off: {}",
          file,
          e.toString());
    }
  }

  @Override
  public synchronized Optional<StatusResponse.Audit> head() {
    return Optional.of(new StatusResponse.Audit(lines, lastHash));
  }

  @Override
  public Optional<StatusResponse.Audit> anchor() {
    return store.auditAnchor(name).map(a -> new StatusResponse.Audit(a.lines(), a.lastHash()));
  }

  /** The file this log writes. */
  Path file() {
    return file;
  }

  /** The name this log's anchor is kept under. */
  public String name() {
    return name;
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
      advanceAnchor();
    } catch (IOException | RuntimeException e) {
      LOG.warn("audit log {}: background force or anchor failed: {}", file, e.toString());
    }
  }

  private void advanceAnchor() {
    AuditAnchor head;
    synchronized (this) {
      if (lines == anchoredLines) {
        return;
      }
      head = new AuditAnchor(lines, lastHash);
    }
    if (!store.advanceAuditAnchor(name, head) && head.lines() > 0 && !collisionReported) {
      Optional<AuditAnchor> stored = store.auditAnchor(name);
      if (stored.isPresent() && !stored.get().equals(head)) {
        collisionReported = true;
        LOG.error(
            "the store's audit anchor '{}' is ahead of this log ({} lines stored, {} here): another Nexus "
                + "anchors under the same name; give each replica its own {}",
            name,
            stored.get().lines(),
            head.lines(),
            Settings.AUDIT_NAME.name());
      }
    }
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
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing the audit log failed: {}", e.toString());
    }
  }

  /** {@code <host name>:<absolute path>}: distinct for replicas on different hosts or paths. */
  static String defaultName(Path file) {
    return HostName.get() + ":" + file;
  }

  @Override
  public String toString() {
    return "FileAuditLog[" + file + "]";
  }
}
