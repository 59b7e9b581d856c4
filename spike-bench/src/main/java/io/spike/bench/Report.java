package io.spike.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run: machine facts and one table per benchmark, each row holding a figure
 * beside its baseline. Renders as JSON ({@code bench-results/results.json}) and as Markdown ({@code
 * BENCHMARKS.md}).
 */
final class Report {
  /** One benchmark's table; cells are numbers (rendered with up to two decimals) or text. */
  record Table(
      String id,
      String title,
      String description,
      List<String> columns,
      List<Map<String, Object>> rows) {
    Table {
      columns = List.copyOf(columns);
      rows = new ArrayList<>(rows);
    }

    Table(String id, String title, String description, List<String> columns) {
      this(id, title, description, columns, List.of());
    }

    void add(Object... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + id + " needs " + columns.size() + " cells");
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < cells.length; i++) {
        row.put(columns.get(i), cells[i]);
      }
      rows.add(row);
    }
  }

  private final Map<String, Object> machine;
  private final String mode;
  private final List<Table> tables = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Report(Map<String, Object> machine, String mode) {
    this.machine = new LinkedHashMap<>(machine);
    this.mode = mode;
  }

  static Map<String, Object> machineFacts(Instant now) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("date", now.toString());
    facts.put("cores", Runtime.getRuntime().availableProcessors());
    facts.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    facts.put(
        "jvm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    facts.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    return facts;
  }

  Table table(Table table) {
    tables.add(table);
    return table;
  }

  void machine(String key, Object value) {
    machine.put(key, value);
  }

  void note(String note) {
    notes.add(note);
  }

  List<Table> tables() {
    return List.copyOf(tables);
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mode", mode);
    root.put("machine", machine);
    root.put("notes", notes);
    root.put("benchmarks", tables);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
          + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String markdown(String preamble) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n").append(preamble).append("\n\n");
    md.append("## This run\n\n");
    md.append("- mode: **").append(mode).append("**\n");
    machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    for (Table t : tables) {
      md.append("\n## ").append(t.title()).append("\n\n").append(t.description()).append("\n\n");
      md.append('|');
      t.columns().forEach(c -> md.append(' ').append(c).append(" |"));
      md.append("\n|");
      t.columns().forEach(c -> md.append("---|"));
      md.append('\n');
      for (Map<String, Object> row : t.rows()) {
        md.append('|');
        t.columns().forEach(c -> md.append(' ').append(cell(row.get(c))).append(" |"));
        md.append('\n');
      }
    }
    return md.toString();
  }

  static String cell(Object value) {
    if (value instanceof Double d) {
      return Math.abs(d) >= 100
          ? String.format(Locale.ROOT, "%,.0f", d)
          : String.format(Locale.ROOT, "%.2f", d);
    }
    if (value instanceof Number n) {
      return String.format(Locale.ROOT, "%,d", n.longValue());
    }
    return value == null ? "" : value.toString();
  }

  void write(Path json, Path markdown, String preamble) throws IOException {
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, json());
    Files.writeString(markdown, markdown(preamble));
  }
}
