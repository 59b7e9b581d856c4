package io.spike.pilot.audit;

import io.spike.store.target.BackupTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Audit logs as Nexus writes and ships them (FileAuditLog's and AuditShipper's formats): chained
 * lines, a log that continues a shipped one, and segments at a target.
 */
final class ShippedLogs {
  private ShippedLogs() {}

  /** {@code n} outcome lines chained from {@code prev}, tagged {@code tag}. */
  static List<String> lines(String tag, int n, String prev) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String line =
          "{\"time\":\"2026-11-28T10:00:0"
              + (i % 10)
              + ".000Z\",\"requestId\":\""
              + tag
              + i
              + "\",\"type\":\"outcome\",\"caller\":\"spiffe://spike.ist/x\",\"route\":\"/v1/x\","
              + "\"action\":\"\",\"decision\":\"allow\",\"status\":200,\"prev\":\""
              + prev
              + "\"}";
      lines.add(line);
      prev = AuditVerifyTest.hash(line);
    }
    return lines;
  }

  /**
   * A new log that continues line {@code fromLine} of the shipped log {@code fromLog} (whose hash
   * is {@code hash}), then {@code n} more lines.
   */
  static List<String> continuing(String fromLog, long fromLine, String hash, int n)
      throws Exception {
    String first =
        "{\"time\":\"2026-11-28T11:00:00.000Z\",\"type\":\"continued\",\"fromLog\":\""
            + fromLog
            + "\",\"fromLine\":"
            + fromLine
            + ",\"prev\":\""
            + hash
            + "\"}";
    List<String> lines = new ArrayList<>(List.of(first));
    lines.addAll(lines("new", n, AuditVerifyTest.hash(first)));
    return lines;
  }

  /** The name of the segment of {@code log} holding lines {@code first..last}. */
  static String segment(String log, long first, long last) {
    return String.format("audit/%s/%012d-%012d.jsonl", log, first, last);
  }

  /**
   * Ships {@code lines} as lines {@code from..} of {@code log}, {@code per} lines a segment; the
   * segment names.
   */
  static List<String> ship(
      BackupTarget target, String log, long from, List<String> lines, int per) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += per) {
      List<String> part = lines.subList(i, Math.min(lines.size(), i + per));
      String name = segment(log, from + i, from + i + part.size() - 1);
      target.put(name, (String.join("\n", part) + "\n").getBytes(StandardCharsets.UTF_8));
      names.add(name);
    }
    return names;
  }
}
