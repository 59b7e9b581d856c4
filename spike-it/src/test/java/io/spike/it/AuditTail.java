package io.spike.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a Nexus audit log gained since a mark: Nexus writes each line before it answers, so
 * after a call returns, its lines are in the file.
 */
final class AuditTail {
  private final Path file;
  private long mark;

  AuditTail(Path file) {
    this.file = file;
    this.mark = size();
  }

  private long size() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The complete lines written since the mark (or the last call), as JSON; moves the mark past
   * them.
   */
  List<JsonNode> next() {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long end = in.length();
      byte[] bytes = new byte[(int) (end - mark)];
      in.seek(mark);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int complete = text.lastIndexOf('\n') + 1;
      mark += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
      List<JsonNode> lines = new ArrayList<>();
      for (String line : text.substring(0, complete).split("\n")) {
        if (!line.isEmpty()) {
          lines.add(RawClient.JSON.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips whatever was written so far. */
  void skip() {
    mark = size();
  }

  static String text(JsonNode line, String field) {
    JsonNode v = line.get(field);
    return v == null ? "" : v.asText();
  }
}
