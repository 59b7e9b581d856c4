package io.spike.store.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupTargetsTest {

  @Test
  void unknownSchemesAreRefusedWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> BackupTargets.open("ftp://user:hunter2@host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown backup target scheme ftp")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> BackupTargets.open(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void s3UrlsOpenAnS3Target() {
    try (BackupTarget target =
        BackupTargets.open("s3://bucket-1/backups/prod?region=eu-west-1&path-style=true")) {
      assertThat(target).isInstanceOf(S3Target.class);
      assertThat(target.describe()).isEqualTo("s3://bucket-1/backups/prod");
    }
  }

  @Test
  void splitObjectUrl_takesTheLastSegmentEndingInTheSuffixAsTheObject_keepingTheQuery() {
    assertThat(
            BackupTargets.splitObjectUrl(
                "s3://b/p/q/spike-snapshot-20260101T000000Z.snap?endpoint=http://h:9000&region=r",
                ".snap"))
        .isEqualTo(
            new BackupTargets.ObjectUrl(
                "s3://b/p/q?endpoint=http://h:9000&region=r",
                Optional.of("spike-snapshot-20260101T000000Z.snap")));
    assertThat(BackupTargets.splitObjectUrl("file:///var/backups/x.snap", ".snap"))
        .isEqualTo(new BackupTargets.ObjectUrl("file:///var/backups", Optional.of("x.snap")));
    assertThat(BackupTargets.splitObjectUrl("s3://b/x.snap", ".snap"))
        .isEqualTo(new BackupTargets.ObjectUrl("s3://b", Optional.of("x.snap")));
  }

  @Test
  void splitObjectUrl_leavesATargetUrlWhole() {
    for (String url :
        new String[] {
          "s3://b", "s3://b/", "s3://b/prefix", "s3://b/prefix/?region=r", "file:///var/backups/"
        }) {
      assertThat(BackupTargets.splitObjectUrl(url, ".snap"))
          .as(url)
          .isEqualTo(new BackupTargets.ObjectUrl(url, Optional.empty()));
    }
    assertThatThrownBy(() -> BackupTargets.splitObjectUrl("/var/backups/x.snap", ".snap"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
