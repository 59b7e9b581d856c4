package io.spike.pilot.audit;

import io.spike.store.target.BackupTarget;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an audit log Nexus shipped to a backup target: the segments {@code
 * audit/<log>/<first>-<last>.jsonl} (12-digit line numbers) must cover lines 1 to the newest
 * without a gap or an overlap, each must hold exactly the lines its name says, end in a newline,
 * and together they must form one hash chain ({@link AuditChain.Walk}). A problem names the
 * segment.
 *
 * <p>When the shipped log's first line is a {@code continued} line (the log of a Nexus restored
 * under another name), the log it continues is checked too, and the link: its line {@code fromLine}
 * must hash to the continued line's {@code prev}.
 */
final class ShippedAudit {
  static final String ROOT = "audit/";
  private static final Pattern NAME =
      Pattern.compile("audit/([^/]+)/([0-9]{12})-([0-9]{12})\\.jsonl");

  private ShippedAudit() {}

  /** One shipped log, checked: its segments, lines, last hash and (watched) line hashes. */
  record Log(String name, int segments, long lines, String lastHash, AuditChain.Walk walk) {
    String prefix() {
      return ROOT + name + "/";
    }
  }

  /** A shipped log is damaged, incomplete or absent; the message names the segment. */
  static final class Broken extends Exception {
    private static final long serialVersionUID = 1L;

    Broken(String message) {
      super(message);
    }
  }

  private record Segment(String name, long first, long last) {}

  /** The names of the shipped logs at {@code target} (the directories under {@code audit/}). */
  static List<String> logs(BackupTarget target) {
    return target.list(ROOT).stream()
        .map(NAME::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1))
        .distinct()
        .toList();
  }

  /**
   * Checks the shipped log {@code log}, keeping the hashes of the {@code watch} lines, and then,
   * when it continues another shipped log, that one (first in the answer, oldest log first).
   */
  static List<Log> check(BackupTarget target, String log, Set<Long> watch)
      throws Broken, IOException {
    List<Log> chain = new ArrayList<>();
    check(target, log, watch, chain, new HashSet<>());
    return chain;
  }

  private static void check(
      BackupTarget target, String log, Set<Long> watch, List<Log> chain, Set<String> seen)
      throws Broken, IOException {
    if (!seen.add(log)) {
      throw new Broken("the shipped audit logs continue each other in a loop at " + ROOT + log);
    }
    Log checked = one(target, log, watch);
    Optional<AuditChain.Link> link = checked.walk().continues();
    if (link.isPresent()) {
      check(target, link.get().fromLog(), Set.of(link.get().fromLine()), chain, seen);
      linked(
          chain.get(chain.size() - 1),
          link.get(),
          checked.prefix() + " starts with a continued line that");
    }
    chain.add(checked);
  }

  /**
   * Checks that {@code log} holds line {@code link.fromLine()} with hash {@code link.hash()};
   * {@code who} says what claims so.
   */
  static void linked(Log log, AuditChain.Link link, String who) throws Broken {
    String claim = who + " follows line " + link.fromLine() + " of " + log.prefix();
    if (log.lines() < link.fromLine()) {
      throw new Broken(
          claim
              + ", which holds only "
              + log.lines()
              + " lines (the segments with lines "
              + (log.lines() + 1)
              + ".."
              + link.fromLine()
              + " are missing)");
    }
    Optional<String> actual = log.walk().hashAt(link.fromLine());
    if (!actual.equals(Optional.of(link.hash()))) {
      throw new Broken(
          claim
              + " with hash "
              + link.hash()
              + ", but that line hashes to "
              + actual.orElse("?")
              + " (the continued line or the shipped line was changed)");
    }
  }

  /** Checks the segments of one shipped log. */
  private static Log one(BackupTarget target, String log, Set<Long> watch)
      throws Broken, IOException {
    String prefix = ROOT + log + "/";
    List<Segment> segments = new ArrayList<>();
    for (String name : target.list(prefix)) {
      Matcher m = NAME.matcher(name);
      if (!m.matches() || !m.group(1).equals(log)) {
        throw new Broken(
            name + ": not an audit segment name (<first>-<last>.jsonl, 12 digits each)");
      }
      Segment segment = new Segment(name, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
      if (segment.first() < 1 || segment.last() < segment.first()) {
        throw new Broken(name + ": its line numbers are not a range");
      }
      segments.add(segment);
    }
    if (segments.isEmpty()) {
      throw new Broken(
          target.describe()
              + " holds no shipped audit log "
              + prefix
              + " (it holds: "
              + String.join(", ", logs(target))
              + ")");
    }
    segments.sort(Comparator.comparingLong(Segment::first).thenComparingLong(Segment::last));
    AuditChain.Walk walk = new AuditChain.Walk(watch);
    Segment before = null;
    for (Segment segment : segments) {
      long expected = before == null ? 1 : before.last() + 1;
      if (segment.first() > expected) {
        throw new Broken(
            "lines "
                + expected
                + ".."
                + (segment.first() - 1)
                + " are missing: no segment holds them (a segment before "
                + segment.name()
                + " is missing)");
      }
      if (segment.first() < expected) {
        throw new Broken(
            segment.name() + " overlaps " + before.name() + " (a segment was copied or renamed)");
      }
      read(target, segment, before, walk);
      before = segment;
    }
    return new Log(log, segments.size(), walk.number(), walk.lastHash(), walk);
  }

  /** Reads one segment into the chain. */
  private static void read(
      BackupTarget target, Segment segment, Segment before, AuditChain.Walk walk)
      throws Broken, IOException {
    try (InputStream in =
        new BufferedInputStream(
            target
                .open(segment.name())
                .orElseThrow(() -> new Broken(segment.name() + ": gone while being read")),
            1 << 16)) {
      EndWatch end = new EndWatch(in);
      Optional<String> problem = walk.read(end, segment.name() + ": ");
      if (problem.isPresent()) {
        String text = problem.get();
        if (before != null && walk.number() == segment.first()) {
          text += " (the last line of " + before.name() + ")";
        }
        throw new Broken(text);
      }
      if (walk.number() != segment.last()) {
        throw new Broken(
            segment.name()
                + ": holds lines "
                + segment.first()
                + ".."
                + walk.number()
                + ", its name says "
                + segment.first()
                + ".."
                + segment.last()
                + " (cut short or lines added)");
      }
      if (end.last != '\n') {
        throw new Broken(segment.name() + ": does not end in a newline (cut short or changed)");
      }
    }
  }

  /** Passes bytes through, remembering the last one. */
  private static final class EndWatch extends InputStream {
    private final InputStream in;
    private int last = -1;

    EndWatch(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b != -1) {
        last = b;
      }
      return b;
    }
  }
}
