package io.spike.nexus.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This host's name, without a DNS lookup: {@code HOSTNAME}, else {@code /etc/hostname}, else {@code
 * localhost}.
 */
final class HostName {
  private HostName() {}

  static String get() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      String file = Files.readString(Path.of("/etc/hostname")).trim();
      if (!file.isEmpty()) {
        return file;
      }
    } catch (IOException | RuntimeException e) {
      // no such file: fall through
    }
    return "localhost";
  }
}
