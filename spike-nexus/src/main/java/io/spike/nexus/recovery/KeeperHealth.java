package io.spike.nexus.recovery;

import io.spike.api.wire.StatusResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each keeper answered the last time Nexus talked to it, when it last did, and whether the
 * shard it last returned was wrong (refused by the stored shard commitments or by the recovered
 * key). Fed by {@link KeeperSync}, read by the status route and metrics. Thread-safe.
 */
public final class KeeperHealth {
  private final List<KeeperLink> keepers;
  private final Clock clock;
  private final Map<Integer, Contact> contacts = new ConcurrentHashMap<>();
  private final Set<Integer> wrongShard = ConcurrentHashMap.newKeySet();

  public KeeperHealth(List<KeeperLink> keepers, Clock clock) {
    this.keepers = List.copyOf(keepers);
    this.clock = clock;
  }

  /** Records an answer; returns whether the keeper was not known reachable before. */
  boolean reached(int id) {
    Contact previous = contacts.put(id, new Contact(true, Optional.of(clock.instant())));
    return previous == null || !previous.reachable;
  }

  /** Records a failure; returns whether the keeper was not known unreachable before. */
  boolean missed(int id) {
    Contact previous = contacts.get(id);
    contacts.put(
        id, new Contact(false, previous == null ? Optional.empty() : previous.lastContact));
    return previous == null || previous.reachable;
  }

  /** Records whether keeper {@code id} holds a wrong shard; returns whether that changed. */
  boolean wrongShard(int id, boolean wrong) {
    return wrong ? wrongShard.add(id) : wrongShard.remove(id);
  }

  /** Whether keeper {@code id} last returned a wrong shard (and has not been refilled since). */
  public boolean holdsWrongShard(int id) {
    return wrongShard.contains(id);
  }

  /** The keepers' shard ids, in order. */
  public List<Integer> ids() {
    return keepers.stream().map(KeeperLink::id).toList();
  }

  /** How many keepers answered the last time. */
  public int reachable() {
    return (int) contacts.values().stream().filter(Contact::reachable).count();
  }

  /** Every keeper, in shard-id order, as the status route shows them. */
  public List<StatusResponse.Keeper> snapshot() {
    return keepers.stream()
        .map(
            k -> {
              Contact c = contacts.getOrDefault(k.id(), new Contact(false, Optional.empty()));
              return new StatusResponse.Keeper(
                  k.id(),
                  k.url().toString(),
                  c.reachable,
                  c.lastContact,
                  holdsWrongShard(k.id())
                      ? Optional.of(StatusResponse.Keeper.WRONG_SHARD)
                      : Optional.empty());
            })
        .toList();
  }

  private record Contact(boolean reachable, Optional<Instant> lastContact) {}
}
