package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotOptionsTest {

  private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

  @Test
  void hmacKey_isCopiedInAndOut() {
    byte[] key = Fixtures.HMAC_KEY.clone();
    SnapshotOptions options = SnapshotOptions.signed(NOW, "sqlite", List.of(1), key);
    key[0] = 9;
    options.hmacKey().orElseThrow()[1] = 9;

    assertThat(options.hmacKey().orElseThrow()).isEqualTo(Fixtures.HMAC_KEY);
    assertThat(options.signed()).isTrue();
  }

  @Test
  void withRecovery_addsTheBlock() {
    SnapshotRecovery recovery = new SnapshotRecovery(2, 3, "3f2a-91c0-0000-ffff");
    SnapshotOptions options = SnapshotOptions.unsigned(NOW, "memory").withRecovery(recovery);

    assertThat(options.recovery()).contains(recovery);
    assertThat(options).isNotEqualTo(SnapshotOptions.unsigned(NOW, "memory"));
    assertThat(SnapshotOptions.unsigned(NOW, "memory").recovery()).isEmpty();
  }

  @Test
  void toString_neverShowsTheKey() {
    String printed =
        SnapshotOptions.signed(NOW, "sqlite", List.of(1, 2), Fixtures.HMAC_KEY).toString();

    assertThat(printed)
        .contains("sqlite", "[1, 2]", "[redacted]")
        .doesNotContain(HexFormat.of().formatHex(Fixtures.HMAC_KEY), "[B@", "0, 1, 2");
    assertThat(SnapshotOptions.unsigned(NOW, "memory").toString()).contains("hmacKey=none");
  }

  @Test
  void equals_comparesKeyContents() {
    assertThat(SnapshotOptions.signed(NOW, "s", List.of(), Fixtures.HMAC_KEY))
        .isEqualTo(SnapshotOptions.signed(NOW, "s", List.of(), Fixtures.HMAC_KEY.clone()))
        .isNotEqualTo(SnapshotOptions.signed(NOW, "s", List.of(), Fixtures.OTHER_KEY))
        .isNotEqualTo(SnapshotOptions.unsigned(NOW, "s"));
  }

  @Test
  void terms_areCopied_andInvalidOptionsRefused() {
    List<Integer> terms = new ArrayList<>(List.of(1));
    SnapshotOptions options = new SnapshotOptions(NOW, "s", terms, Optional.empty());
    terms.add(2);

    assertThat(options.keyringTerms()).containsExactly(1);
    assertThat(options.signed()).isFalse();
    assertThatThrownBy(() -> SnapshotOptions.signed(NOW, "s", List.of(), new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SnapshotOptions.unsigned(NOW, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SnapshotOptions.unsigned(null, "s"))
        .isInstanceOf(NullPointerException.class);
  }
}
