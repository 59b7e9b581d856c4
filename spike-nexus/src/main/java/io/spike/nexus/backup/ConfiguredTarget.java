package io.spike.nexus.backup;

import io.spike.config.Settings;
import io.spike.nexus.NexusConfig;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.util.Optional;

/** The backup target a configuration names ({@link NexusConfig.Backups#targetUrl()}). */
final class ConfiguredTarget {
  private ConfiguredTarget() {}

  /**
   * Opens the configured target; empty when none is configured.
   *
   * @throws io.spike.config.SettingException naming {@code SPIKE_NEXUS_BACKUP_TARGET} when the URL
   *     is not usable
   */
  static Optional<BackupTarget> open(NexusConfig.Backups config) {
    return config.targetUrl().map(ConfiguredTarget::open);
  }

  private static BackupTarget open(String url) {
    try {
      return BackupTargets.open(url);
    } catch (IllegalArgumentException e) {
      throw Settings.BACKUP_TARGET.refuse("is not usable: " + e.getMessage());
    }
  }
}
