package io.spike.nexus.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.Json;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Shipped audit logs at a backup target: {@code audit/<log>/<first>-<last>.jsonl}, where {@code
 * <log>} is the log's name with every character outside {@code [A-Za-z0-9._-]} replaced by {@code
 * _}, and {@code <first>}, {@code <last>} are the numbers (12 digits, zero-padded) of the segment's
 * first and last line in the shipped log. A segment holds the lines exactly as in the audit file,
 * each ending in {@code \n}.
 */
final class AuditSegments {
  static final String ROOT = "audit/";
  private static final Pattern NAME =
      Pattern.compile("audit/([^/]+)/([0-9]{12})-([0-9]{12})\\.jsonl");
  private static final Comparator<Segment> BY_LAST = Comparator.comparingLong(Segment::last);
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

  private AuditSegments() {}

  /** One shipped segment: its object name and the shipped line numbers it holds. */
  record Segment(String name, String log, long first, long last) {}

  /** The tail of a shipped log: its newest line's number, hash and time. */
  record Tail(String log, long line, String hash, String time) {}

  /** The directory name under {@code audit/} of the log named {@code name}. */
  static String logDir(String name) {
    String safe = UNSAFE.matcher(name).replaceAll("_");
    if (safe.isEmpty() || safe.startsWith(".")) {
      safe = "_" + safe;
    }
    return safe.length() > 200 ? safe.substring(safe.length() - 200) : safe;
  }

  /** The object name of the segment of log {@code dir} holding lines {@code first..last}. */
  static String name(String dir, long first, long last) {
    return String.format("%s%s/%012d-%012d.jsonl", ROOT, dir, first, last);
  }

  /** The segment an object name denotes, if it is one. */
  static Optional<Segment> parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Segment(name, m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
  }

  /** Every segment at the target under {@code prefix}. */
  private static List<Segment> segments(BackupTarget target, String prefix) {
    return target.list(prefix).stream().flatMap(n -> parse(n).stream()).toList();
  }

  /** The segment of log {@code dir} holding the highest line number, if any. */
  static Optional<Segment> newest(BackupTarget target, String dir) {
    return segments(target, ROOT + dir + "/").stream().max(BY_LAST);
  }

  /**
   * Whether the shipped log {@code dir} holds a line hashing to {@code hash}, looking back from its
   * newest segment through at most {@code segments} of them.
   */
  static boolean holds(BackupTarget target, String dir, String hash, int segments) {
    List<Segment> newestFirst =
        segments(target, ROOT + dir + "/").stream().sorted(BY_LAST.reversed()).toList();
    for (Segment segment : newestFirst.subList(0, Math.min(segments, newestFirst.size()))) {
      byte[] bytes = read(target, segment);
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          if (AuditScan.sha256(Arrays.copyOfRange(bytes, start, i)).equals(hash)) {
            return true;
          }
          start = i + 1;
        }
      }
    }
    return false;
  }

  private static byte[] read(BackupTarget target, Segment segment) {
    try (InputStream in =
        target
            .open(segment.name())
            .orElseThrow(
                () -> new TargetException(target.describe() + " has no " + segment.name()))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new TargetException(
          "cannot read " + segment.name() + " at " + target.describe() + ": " + e.getMessage(), e);
    }
  }

  /** Reads the last line of {@code segment}: its number, hash and {@code time} field. */
  static Tail tail(BackupTarget target, Segment segment) {
    byte[] bytes = read(target, segment);
    int end = bytes.length;
    if (end == 0 || bytes[end - 1] != '\n') {
      throw new TargetException(
          segment.name() + " at " + target.describe() + " does not end in a complete line");
    }
    int start = end - 1;
    while (start > 0 && bytes[start - 1] != '\n') {
      start--;
    }
    byte[] line = Arrays.copyOfRange(bytes, start, end - 1);
    return new Tail(segment.log(), segment.last(), AuditScan.sha256(line), timeOf(line));
  }

  private static String timeOf(byte[] line) {
    try {
      JsonNode node = Json.mapper().readTree(line);
      return node == null ? "" : node.path("time").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * What a new audit log named {@code name} continues: the shipped log of that name when the target
   * holds one, else the shipped log whose newest line is the newest (by its {@code time}); empty
   * when the target holds no audit segments.
   */
  static Optional<Continuation> continuation(BackupTarget target, String name) {
    String own = logDir(name);
    Optional<Tail> tail =
        newest(target, own)
            .map(s -> tail(target, s))
            .or(
                () ->
                    segments(target, ROOT).stream()
                        .collect(
                            Collectors.toMap(Segment::log, s -> s, BinaryOperator.maxBy(BY_LAST)))
                        .values()
                        .stream()
                        .map(s -> tail(target, s))
                        .max(Comparator.comparing(Tail::time)));
    return tail.map(t -> new Continuation(t.log(), t.line(), t.hash()));
  }
}
