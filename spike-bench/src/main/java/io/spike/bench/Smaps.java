package io.spike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/smaps_rollup}: RSS (pages resident) and PSS
 * (shared pages divided among the processes sharing them), in KiB.
 */
record Smaps(long rssKiB, long pssKiB) {
  Smaps {
    if (rssKiB <= 0 || pssKiB <= 0) {
      throw new IllegalArgumentException("resident sizes must be positive");
    }
  }

  /** The rollup of the live process {@code pid}. */
  static Smaps of(long pid) throws IOException {
    return parse(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
  }

  /** Parses the {@code Rss:} and {@code Pss:} lines of a smaps_rollup text. */
  static Smaps parse(String rollup) {
    return new Smaps(field(rollup, "Rss:"), field(rollup, "Pss:"));
  }

  double rssMiB() {
    return rssKiB / 1024.0;
  }

  double pssMiB() {
    return pssKiB / 1024.0;
  }

  private static long field(String rollup, String name) {
    for (String line : rollup.split("\n")) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException("unexpected smaps_rollup line: " + line);
        }
        return Long.parseLong(parts[0]);
      }
    }
    throw new IllegalArgumentException("smaps_rollup has no " + name + " line");
  }
}
