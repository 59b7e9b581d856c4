package io.spike.store;

/**
 * A named lock held through a store, for work that exactly one of several replicas sharing one
 * database may do at a time (shipping the change log). Obtained from {@link SpikeStore#tryLease};
 * {@link #close()} gives it up.
 *
 * <p>On PostgreSQL it is a session advisory lock on a connection of its own: when the holder dies,
 * the server frees it. On SQLite and in memory it is a lock in this process, which is the only one
 * using the store.
 */
public interface StoreLease extends AutoCloseable {

  /** The name it was taken under. */
  String name();

  /**
   * Whether the lease is still held: false after {@link #close()}, and on PostgreSQL when the
   * connection holding the lock has broken (the server has then released it). A holder checks it
   * before each piece of work it must do alone.
   */
  boolean held();

  /** Releases the lease; idempotent. */
  @Override
  void close();
}
