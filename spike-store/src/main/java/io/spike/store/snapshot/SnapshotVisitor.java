package io.spike.store.snapshot;

import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives the records of a snapshot, in file order: system records, secrets, versions, policies.
 * Every method does nothing by default. A {@link RecordVisitor}, so a store's {@link
 * io.spike.store.SpikeStore#export} can feed one directly.
 */
public interface SnapshotVisitor extends RecordVisitor {

  @Override
  default void system(SystemKey key, byte[] value) {}

  @Override
  default void secret(SecretRecord record) {}

  @Override
  default void version(VersionRecord record) {}

  @Override
  default void policy(PolicyRecord record) {}

  /** A visitor that hands every record on to {@code sink} (to load a snapshot into a store). */
  static SnapshotVisitor forwardingTo(RecordVisitor sink) {
    return new SnapshotVisitor() {
      @Override
      public void system(SystemKey key, byte[] value) {
        sink.system(key, value);
      }

      @Override
      public void secret(SecretRecord record) {
        sink.secret(record);
      }

      @Override
      public void version(VersionRecord record) {
        sink.version(record);
      }

      @Override
      public void policy(PolicyRecord record) {
        sink.policy(record);
      }
    };
  }

  /** A visitor that hands each system record to {@code action} and passes over the rest. */
  static SnapshotVisitor onSystem(BiConsumer<SystemKey, byte[]> action) {
    return new SnapshotVisitor() {
      @Override
      public void system(SystemKey key, byte[] value) {
        action.accept(key, value);
      }
    };
  }

  /** A visitor that hands each secret record to {@code action} and passes over the rest. */
  static SnapshotVisitor onSecrets(Consumer<SecretRecord> action) {
    return new SnapshotVisitor() {
      @Override
      public void secret(SecretRecord record) {
        action.accept(record);
      }
    };
  }

  /** A visitor that hands each version record to {@code action} and passes over the rest. */
  static SnapshotVisitor onVersions(Consumer<VersionRecord> action) {
    return new SnapshotVisitor() {
      @Override
      public void version(VersionRecord record) {
        action.accept(record);
      }
    };
  }

  /** A visitor that hands each policy record to {@code action} and passes over the rest. */
  static SnapshotVisitor onPolicies(Consumer<PolicyRecord> action) {
    return new SnapshotVisitor() {
      @Override
      public void policy(PolicyRecord record) {
        action.accept(record);
      }
    };
  }
}
