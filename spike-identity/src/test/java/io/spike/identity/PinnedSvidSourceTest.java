package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.spike.testkit.LogCapture;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedSvidSourceTest {

  private static final SpiffeId NEXUS = SpiffeId.parse("spiffe://spike.ist/spike/nexus");
  private static final SpiffeId OTHER = SpiffeId.parse("spiffe://spike.ist/spike/other");

  @TempDir Path tmp;

  @Test
  void rotationForTheSameId_isServedAtOnce() {
    SvidFiles files = nexusFiles();
    try (SvidSource pinned = SvidSources.pinned(files.source())) {
      BigInteger first = serial(pinned);
      files.reissue(NEXUS);

      assertThat(serial(pinned)).isNotEqualTo(first);
      assertThat(pinned.id()).isEqualTo(NEXUS);
    }
  }

  @Test
  void rotationToAnotherId_keepsTheLastSvid_warnsOnce_andRecovers() {
    SvidFiles files = nexusFiles();
    try (SvidSource pinned = SvidSources.pinned(files.source());
        LogCapture logs = LogCapture.start()) {
      BigInteger kept = serial(pinned);
      files.reissue(OTHER);

      assertThat(serial(pinned)).isEqualTo(kept);
      assertThat(serial(pinned)).isEqualTo(kept);
      assertThat(pinned.x509Source().getX509Svid().getSpiffeId().toString())
          .isEqualTo(NEXUS.toString());
      assertThat(pinned.id()).isEqualTo(NEXUS);
      assertThat(logs.events())
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("now offers " + OTHER)
                      .contains("runs as " + NEXUS)
                      .doesNotContain("PRIVATE"));

      files.reissue(NEXUS);
      assertThat(serial(pinned)).isNotEqualTo(kept);
    }
  }

  @Test
  void pinningTwice_returnsTheSameSource() {
    try (SvidSource pinned = SvidSources.pinned(nexusFiles().source())) {
      assertThat(SvidSources.pinned(pinned)).isSameAs(pinned);
    }
  }

  /** Nexus's SVID files; the test re-issues them to rotate, and the source rereads them at once. */
  private record SvidFiles(DevCa ca, Path cert, Path key) {
    void reissue(SpiffeId id) {
      ca.issue(id, cert, key);
    }

    SvidSource source() {
      return SvidSources.fromFiles(cert, key, ca.bundle(), Duration.ZERO);
    }
  }

  private SvidFiles nexusFiles() {
    SvidFiles files =
        new SvidFiles(
            DevCa.create(tmp.resolve("ca"), "spike.ist"),
            tmp.resolve("svid.crt"),
            tmp.resolve("svid.key"));
    files.reissue(NEXUS);
    return files;
  }

  private static BigInteger serial(SvidSource source) {
    return source.x509Source().getX509Svid().getLeaf().getSerialNumber();
  }
}
