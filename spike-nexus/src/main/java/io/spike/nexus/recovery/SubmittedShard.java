package io.spike.nexus.recovery;

import io.spike.api.wire.ShardValue;
import io.spike.crypto.Shard;
import io.spike.nexus.refusal.Refusal;

/**
 * Turns a shard an operator submitted ({@code {id, shard:[32 ints]}}) into a {@link Shard}, with
 * the refusals restore and verify-shard share: missing, all zeros, or out of range is 400.
 *
 * <p>Security promise: messages name the id only; the caller still destroys {@code value}.
 */
public final class SubmittedShard {
  private SubmittedShard() {}

  /**
   * The shard {@code id} with a copy of {@code value}; the caller destroys both.
   *
   * @throws Refusal 400 when the value is missing, zero or not a P-256 scalar
   */
  public static Shard parse(int id, ShardValue value) {
    if (value == null) {
      throw Refusal.invalid("shard is required");
    }
    if (value.isZero()) {
      throw Refusal.invalid("shard " + id + " is all zeros; check the recovery file");
    }
    try {
      return value.withBytes(bytes -> Shard.of(id, bytes));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("shard " + id + " is out of range; check the recovery file");
    }
  }
}
