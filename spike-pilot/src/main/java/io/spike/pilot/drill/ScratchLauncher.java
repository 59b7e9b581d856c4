package io.spike.pilot.drill;

import java.io.IOException;
import java.nio.file.Path;

/** Starts the scratch Nexus of a drill; {@link ProcessLauncher} in production. */
@FunctionalInterface
interface ScratchLauncher {
  /**
   * Starts a Nexus on the SQLite store in {@code work/data}, sealed, expecting {@code shares}
   * shards of which {@code threshold} rebuild the key. Returns as soon as the process is launched.
   *
   * @param work the drill's temporary directory (deleted by the caller afterwards)
   */
  ScratchNexus launch(Path work, int shares, int threshold) throws IOException;
}
