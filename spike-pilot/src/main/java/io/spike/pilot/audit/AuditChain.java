package io.spike.pilot.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.api.wire.StatusResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes an audit log's hash chain: line 1's {@code prev} must be 64 zeros, and every later
 * line's {@code prev} the hex SHA-256 of the previous line's exact bytes (without its newline).
 * Optionally checks the file against the anchor Nexus recorded: the anchored hash must be the hash
 * of line {@code lines}, else the file was cut short.
 *
 * <p>A log that continues a shipped one (written after a restore) starts with a {@code continued}
 * line instead: its {@code prev} is the hash of line {@code fromLine} of the shipped log {@code
 * fromLog}; the chain is checked from there, and the link itself only against the shipped log
 * ({@link ShippedAudit}).
 *
 * <p>What it cannot see: an edit of the very last line (no later line vouches for it) unless that
 * line is the anchored one; lines cut after the newest anchor.
 */
final class AuditChain {
  static final String GENESIS = "0".repeat(64);

  /**
   * Nexus writes lines of a few hundred bytes; a longer one is refused rather than held in memory.
   */
  static final int MAX_LINE_BYTES = 1 << 20;

  private AuditChain() {}

  /**
   * Where a log starting with a {@code continued} line goes on from.
   *
   * @param fromLog the shipped log's name under {@code audit/} at the backup target
   * @param fromLine the shipped line it follows
   * @param hash that line's hash (the continued line's {@code prev})
   */
  record Link(String fromLog, long fromLine, String hash) {}

  /** The outcome: lines read, and the first problem when there is one. */
  record Report(long lines, Optional<String> problem, Optional<Link> continues) {
    Report(long lines, Optional<String> problem) {
      this(lines, problem, Optional.empty());
    }

    boolean intact() {
      return problem.isEmpty();
    }
  }

  /** Walks {@code file}; with {@code anchor}, also checks the file reaches it. */
  static Report check(Path file, Optional<StatusResponse.Audit> anchor) throws IOException {
    return check(file, anchor, Optional.empty());
  }

  /**
   * Walks {@code file} like {@link #check(Path, Optional)}; with {@code reaches}, also checks that
   * the file's line {@code reaches.lines()} hashes to {@code reaches.lastHash()}, naming it {@code
   * what} when not.
   */
  static Report check(Path file, Optional<StatusResponse.Audit> anchor, Optional<Expected> reaches)
      throws IOException {
    Set<Long> watch = new java.util.HashSet<>();
    anchor.ifPresent(a -> watch.add(a.lines()));
    reaches.ifPresent(r -> watch.add(r.line()));
    Walk walk = new Walk(watch);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Optional<String> problem = walk.read(in, "");
      if (problem.isPresent()) {
        return new Report(walk.number(), problem, walk.continues());
      }
    }
    long number = walk.number();
    if (anchor.isPresent()
        && anchor.get().lines() > 0
        && !walk.hashAt(anchor.get().lines()).equals(Optional.of(anchor.get().lastHash()))) {
      return new Report(
          number,
          Optional.of(
              "log cut short: Nexus recorded "
                  + anchor.get().lines()
                  + " lines ending in "
                  + anchor.get().lastHash()
                  + ", the file has "
                  + number),
          walk.continues());
    }
    if (reaches.isPresent()
        && !walk.hashAt(reaches.get().line()).equals(Optional.of(reaches.get().hash()))) {
      return new Report(number, Optional.of(reaches.get().otherwise()), walk.continues());
    }
    return new Report(number, Optional.empty(), walk.continues());
  }

  /** A line the file must hold with this hash, and what is wrong when it does not. */
  record Expected(long line, String hash, String otherwise) {}

  /** The link of the file's first line, when it is a {@code continued} line. */
  static Optional<Link> firstLink(Path file) throws IOException {
    Walk walk = new Walk(Set.of());
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      walk.readLine(in, "");
    }
    return walk.continues();
  }

  /**
   * Checks lines one by one, in order, numbering them from 1 and keeping the hash of the lines
   * asked for; one walk may read several streams (the segments of a shipped log) as one chain.
   */
  static final class Walk {
    private final MessageDigest digest = sha256();
    private final Set<Long> watch;
    private final Map<Long, String> watched = new HashMap<>();
    private final NavigableMap<Long, String> ends = new TreeMap<>();
    private long number;
    private String prev;
    private Link continues;

    Walk(Set<Long> watch) {
      this.watch = watch;
    }

    /** Lines checked so far (at a problem: the number of the line with the problem). */
    long number() {
      return number;
    }

    /** The hash of the newest line (64 zeros before the first). */
    String lastHash() {
      return prev == null ? GENESIS : prev;
    }

    /** The link of the first line, when it is a {@code continued} line. */
    Optional<Link> continues() {
      return Optional.ofNullable(continues);
    }

    /**
     * Where the lines of each file end, with the hash of that line: before every {@code continued}
     * line after the first (a log started after a restore goes on in the same shipped log), and at
     * the newest line.
     */
    NavigableMap<Long, String> fileEnds() {
      NavigableMap<Long, String> all = new TreeMap<>(ends);
      if (number > 0) {
        all.put(number, lastHash());
      }
      return all;
    }

    /** The hash of line {@code line}, when it was watched and read. */
    Optional<String> hashAt(long line) {
      return Optional.ofNullable(watched.get(line));
    }

    /**
     * Reads every line of {@code in} into the chain; returns the first problem, its text starting
     * with {@code where}. A last line without a newline is read as a line.
     */
    Optional<String> read(InputStream in, String where) throws IOException {
      while (true) {
        Optional<Optional<String>> line = readLine(in, where);
        if (line.isEmpty()) {
          return Optional.empty();
        }
        if (line.get().isPresent()) {
          return line.get();
        }
      }
    }

    /**
     * Reads the next line of {@code in}: empty at the end of the stream, else the line's problem
     * (or none).
     */
    private Optional<Optional<String>> readLine(InputStream in, String where) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      int b = in.read();
      if (b == -1) {
        return Optional.empty();
      }
      while (b != -1 && b != '\n') {
        if (line.size() >= MAX_LINE_BYTES) {
          number++;
          return Optional.of(
              Optional.of(
                  where
                      + "line "
                      + number
                      + ": longer than "
                      + MAX_LINE_BYTES
                      + " bytes, not an audit line"));
        }
        line.write(b);
        b = in.read();
      }
      return Optional.of(next(line.toByteArray(), where));
    }

    /** Checks the next line; returns its problem, if it has one. */
    Optional<String> next(byte[] line, String where) {
      number++;
      Optional<JsonNode> node = parse(line);
      if (node.isEmpty()) {
        return Optional.of(
            where + "line " + number + ": not an audit line (malformed JSON or no prev)");
      }
      String linePrev = node.get().get("prev").asText();
      Optional<Link> link = linkOf(node.get(), linePrev);
      if (prev == null) {
        continues = link.orElse(null);
      } else if (link.isPresent() && linePrev.equals(prev)) {
        ends.put(number - 1, prev);
      }
      String expected = prev == null ? (continues == null ? GENESIS : linePrev) : prev;
      if (!linePrev.equals(expected)) {
        return Optional.of(
            where
                + "line "
                + number
                + ": hash chain broken (edited, removed or reordered): its prev does not match "
                + (prev == null ? "the start of a log" : "line " + (number - 1)));
      }
      prev = HexFormat.of().formatHex(digest.digest(line));
      if (watch.contains(number)) {
        watched.put(number, prev);
      }
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> parse(byte[] line) {
    try {
      JsonNode node = Json.mapper().readTree(line);
      if (node == null || !node.isObject() || !node.path("prev").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The link a {@code continued} line records (the format Nexus's FileAuditLog writes). */
  private static Optional<Link> linkOf(JsonNode node, String prev) {
    if (!"continued".equals(node.path("type").asText())
        || !node.path("fromLog").isTextual()
        || !node.path("fromLine").isIntegralNumber()
        || node.get("fromLine").asLong() < 1) {
      return Optional.empty();
    }
    return Optional.of(new Link(node.get("fromLog").asText(), node.get("fromLine").asLong(), prev));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
