package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import io.spike.nexus.NexusConfig;
import io.spike.store.target.BackupTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredTargetTest {
  @TempDir Path dir;

  private static NexusConfig.Backups backups(Optional<Path> dir, Optional<String> target) {
    return new NexusConfig.Backups(
        dir, target, Duration.ofHours(1), 3, Duration.ofSeconds(1), Duration.ofHours(1));
  }

  @Test
  void none_whenNothingIsConfigured() {
    assertThat(ConfiguredTarget.open(backups(Optional.empty(), Optional.empty()))).isEmpty();
  }

  @Test
  void theDirectory_orTheTargetUrl() {
    Optional<BackupTarget> fromDir =
        ConfiguredTarget.open(backups(Optional.of(dir.resolve("b")), Optional.empty()));
    Optional<BackupTarget> fromUrl =
        ConfiguredTarget.open(
            backups(Optional.empty(), Optional.of(dir.resolve("t").toUri().toString())));

    assertThat(fromDir).map(BackupTarget::describe).contains(dir.resolve("b").toString());
    assertThat(fromUrl).map(BackupTarget::describe).contains(dir.resolve("t").toString());
  }

  @Test
  void anUnusableUrl_isRefusedNamingTheSetting_withoutItsCredentials() {
    assertThatThrownBy(
            () ->
                ConfiguredTarget.open(
                    backups(Optional.empty(), Optional.of("ftp://user:hunter2@host/x"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_BACKUP_TARGET")
        .hasMessageNotContaining("hunter2");
  }
}
