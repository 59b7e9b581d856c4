package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectReportTest {

  @Test
  void sectionDigests_areCopied_unmodifiable_andKeepTheirOrder() {
    Map<String, String> digests = new LinkedHashMap<>();
    digests.put("header", "aa");
    digests.put("system", "bb");
    InspectReport report =
        new InspectReport(
            false, Optional.empty(), digests, "", Optional.of("secrets"), Optional.of("truncated"));
    digests.put("secrets", "cc");

    assertThat(report.sectionDigests().keySet()).containsExactly("header", "system");
    assertThatThrownBy(() -> report.sectionDigests().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void okExactlyWhenNoDamageIsNamed() {
    assertThatThrownBy(
            () ->
                new InspectReport(
                    true, Optional.empty(), Map.of(), "", Optional.of("header"), Optional.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new InspectReport(
                    false, Optional.empty(), Map.of(), "", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
