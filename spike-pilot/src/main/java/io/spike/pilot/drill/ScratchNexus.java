package io.spike.pilot.drill;

import io.spike.api.NexusClient;
import java.util.List;

/**
 * A Nexus started for one drill, on a scratch store, with no keepers. Closing it stops the process.
 * Tests stand in a fake for it.
 */
interface ScratchNexus extends AutoCloseable {
  /** A client with the pilot restore identity, to feed shards. */
  NexusClient restore();

  /** A client with the pilot superuser identity, to read everything back. */
  NexusClient superuser();

  /** The HTTP status of {@code GET /readyz} on the ops port; -1 without an answer. */
  int readyz();

  /** Whether the process still runs. */
  boolean alive();

  /** The last {@code lines} lines of its log (never secret: Nexus logs no values). */
  List<String> logTail(int lines);

  /** Stops it: SIGTERM, then SIGKILL after 10 s. */
  @Override
  void close();
}
