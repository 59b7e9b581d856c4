package io.spike.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  private Report sample() {
    Report report = new Report(Map.of("cores", 2), "full");
    Report.Table table =
        report.table(
            new Report.Table("get", "a. Get", "desc", List.of("clients", "ops/s", "ratio")));
    table.add(8, 1234.5, 0.81);
    return report;
  }

  @Test
  void markdown_rendersOneTablePerBenchmarkWithFigureBesideBaseline() {
    String md = sample().markdown("pre");
    assertThat(md)
        .contains("## a. Get")
        .contains("| clients | ops/s | ratio |")
        .contains("| 8 | 1,235 | 0.81 |")
        .contains("cores: 2")
        .contains("mode: **full**");
  }

  @Test
  void json_holdsRowsByColumnName() {
    assertThat(sample().json()).contains("\"ops/s\" : 1234.5").contains("\"mode\" : \"full\"");
  }

  @Test
  void add_wrongCellCount_isRefused() {
    Report.Table table = new Report.Table("t", "T", "d", List.of("a", "b"));
    assertThatThrownBy(() -> table.add(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
