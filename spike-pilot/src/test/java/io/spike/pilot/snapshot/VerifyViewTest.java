package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.store.snapshot.SnapshotCounts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyViewTest {
  private final SnapshotCounts expected = new SnapshotCounts(2, 3, 1, 2);

  @Test
  void human_byNexus_andFailureLine() {
    VerifyView bad =
        new VerifyView(
            "f.snap",
            "nexus",
            false,
            true,
            2,
            2,
            1,
            expected,
            List.of(),
            List.of("secret|a|2: does not decrypt", "versions: 2 decrypted, the header counts 3"));

    assertThat(bad.human(Optional.of("https://n:8553")))
        .contains(
            "verified:  by Nexus at https://n:8553\n",
            "signed:    yes, HMAC matches",
            "decrypted: 2 of 2 secrets, 2 of 3 versions, 1 of 1 policies\n",
            "  - secret|a|2: does not decrypt\n")
        .endsWith("FAILED\n");
    assertThat(bad.failure())
        .isEqualTo(
            "snapshot f.snap failed verification: secret|a|2: does not decrypt"
                + " (1 more problem listed above); use an older snapshot");
  }

  @Test
  void unsigned_isNotVerified_andTheLineSaysWhy() {
    VerifyView unsigned =
        new VerifyView(
            "f.snap",
            "shards",
            false,
            false,
            2,
            3,
            1,
            expected,
            List.of(1, 2),
            List.of(SnapshotTrust.UNSIGNED));

    assertThat(unsigned.human(Optional.empty()))
        .contains(
            "signed:    no: nothing proves who wrote it (restore needs" + " --allow-unsigned)\n")
        .endsWith("FAILED\n");
    assertThat(unsigned.failure())
        .isEqualTo(
            "snapshot f.snap is NOT verified: "
                + SnapshotTrust.UNSIGNED
                + "; "
                + SnapshotTrust.SIGN_HINT);
  }

  @Test
  void human_offline_namesTheShards() {
    VerifyView good =
        new VerifyView("f.snap", "shards", true, true, 2, 3, 1, expected, List.of(1, 3), List.of());

    assertThat(good.human(Optional.empty()))
        .contains("root key rebuilt from shards 1, 3 (threshold 2)", "signed:    yes, HMAC matches")
        .endsWith("ok\n");
  }
}
