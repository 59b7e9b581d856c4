package io.spike.pilot.cli;

import io.spike.api.NexusClient;
import java.net.URI;

/**
 * A client bound to one Nexus and one identity, plus what error messages need to say: who we are
 * and where we called. Closing it releases the identity source (file watchers, Workload API
 * stream).
 *
 * @param client the Nexus API
 * @param caller our SPIFFE ID, for messages such as "X may not read Y"
 * @param url the Nexus base URL
 * @param resources closed with the session
 */
public record NexusSession(NexusClient client, String caller, URI url, AutoCloseable resources)
    implements AutoCloseable {

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception ignored) {
      // Releasing the identity source cannot change the command's outcome.
    }
  }
}
