package io.spike.keeper;

import io.spike.api.wire.ShardValue;
import io.spike.crypto.SecretBytes;
import java.util.Optional;

/**
 * Holds at most one 32-byte shard, in memory only.
 *
 * <p>Contract: {@link #put} replaces the shard atomically and wipes the previous one; {@link #seed}
 * fills an empty slot only; {@link #get} hands out a copy the caller destroys; {@link #clear} wipes
 * it. Thread-safe.
 *
 * <p>Security promise: the bytes never leave this object except as a copy in {@link #get}; {@link
 * #toString()} says only whether a shard is held.
 */
public final class ShardSlot {
  private SecretBytes shard;

  /**
   * Stores a copy of {@code value} (32 bytes), wiping the one held before.
   *
   * @return whether the slot changed (it was empty or held another shard)
   */
  public boolean put(ShardValue value) {
    SecretBytes next = value.withBytes(SecretBytes::copyOf);
    SecretBytes previous;
    synchronized (this) {
      previous = shard;
      shard = next;
    }
    boolean changed = previous == null || !previous.equals(next);
    if (previous != null) {
      previous.destroy();
    }
    return changed;
  }

  /**
   * Stores a copy of {@code value} only if the slot is empty, or holds this very shard (a retried
   * seeding).
   *
   * @return whether the slot changed
   * @throws AlreadySeededException when another shard is held (nothing changes)
   */
  public boolean seed(ShardValue value) {
    SecretBytes next = value.withBytes(SecretBytes::copyOf);
    synchronized (this) {
      if (shard == null) {
        shard = next;
        return true;
      }
      boolean same = shard.equals(next);
      next.destroy();
      if (!same) {
        throw new AlreadySeededException();
      }
      return false;
    }
  }

  /** The slot holds another shard than the one offered for seeding. */
  public static final class AlreadySeededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadySeededException() {
      super("the keeper already holds a shard", null, false, false);
    }
  }

  /** A copy of the shard, if one is held; the caller destroys it. */
  public synchronized Optional<ShardValue> get() {
    if (shard == null) {
      return Optional.empty();
    }
    return Optional.of(shard.withBytes(ShardValue::ofBytes));
  }

  /** Whether a shard is held. */
  public synchronized boolean isFilled() {
    return shard != null;
  }

  /** Wipes and forgets the shard. */
  public void clear() {
    SecretBytes previous;
    synchronized (this) {
      previous = shard;
      shard = null;
    }
    if (previous != null) {
      previous.destroy();
    }
  }

  @Override
  public String toString() {
    return "ShardSlot[" + (isFilled() ? "filled" : "empty") + "]";
  }
}
