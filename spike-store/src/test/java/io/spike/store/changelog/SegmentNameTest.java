package io.spike.store.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentNameTest {

  @Test
  void objectName_isZeroPadded_andParsesBack() {
    SegmentName name = new SegmentName("log1", 5, 12);

    assertThat(name.objectName())
        .isEqualTo("changes/log1/00000000000000000005-00000000000000000012.seg");
    assertThat(SegmentName.parse(name.objectName())).contains(name);
    assertThat(SegmentName.prefix("log1")).isEqualTo("changes/log1/");
  }

  @Test
  void parse_ofAnythingElse_isEmpty() {
    for (String bad :
        List.of(
            "changes/log1/5-12.seg",
            "changes/log1/00000000000000000012-00000000000000000005.seg",
            "changes/log1/00000000000000000000-00000000000000000005.seg",
            "changes/log1/99999999999999999999-99999999999999999999.seg",
            "changes/log1/00000000000000000005-00000000000000000012.seg.tmp",
            "audit/log1/00000000000000000005-00000000000000000012.seg",
            "changes/a/b/00000000000000000005-00000000000000000012.seg")) {
      assertThat(SegmentName.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void invalidRanges_areRefused() {
    assertThatThrownBy(() -> new SegmentName("log1", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SegmentName("log1", 3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SegmentName("a/b", 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
