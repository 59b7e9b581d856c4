package io.spike.nexus.recovery;

import io.spike.api.KeeperClient;
import java.net.URI;

/**
 * One configured keeper: its shard id (1-based position in {@code SPIKE_NEXUS_KEEPER_PEERS}), its
 * URL, and a client whose TLS context accepts only the SPIFFE ID configured for that keeper.
 */
public record KeeperLink(int id, URI url, KeeperClient client) {
  @Override
  public String toString() {
    return "keeper " + id + " (" + url + ")";
  }
}
