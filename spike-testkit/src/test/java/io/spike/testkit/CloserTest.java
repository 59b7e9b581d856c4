package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {

  @Test
  void closeAll_closesInOrder_skippingNulls() throws Exception {
    List<String> closed = new ArrayList<>();
    Closer.closeAll(() -> closed.add("a"), null, () -> closed.add("b"));
    assertThat(closed).containsExactly("a", "b");
  }

  @Test
  void closeAll_closesTheRestAfterAFailure_andThrowsTheFirstWithTheOthersSuppressed() {
    List<String> closed = new ArrayList<>();
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    assertThatThrownBy(
            () ->
                Closer.closeAll(
                    List.<AutoCloseable>of(
                        () -> {
                          throw first;
                        },
                        () -> closed.add("middle"),
                        () -> {
                          throw second;
                        })))
        .isSameAs(first)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
    assertThat(closed).containsExactly("middle");
  }
}
