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
 * Every method does nothing by default (as in {@link RecordVisitor}). A {@link RecordVisitor}, so a
 * store's {@link io.spike.store.SpikeStore#export} can feed one directly.
 */
public interface SnapshotVisitor extends RecordVisitor {

  /** A visitor that hands every record on to {@code sink} (to load a snapshot into a store). */
  static SnapshotVisitor forwardingTo(RecordVisitor sink) {
    return of(sink::system, sink::secret, sink::version, sink::policy);
  }

  /** A visitor that hands each system record to {@code action} and passes over the rest. */
  static SnapshotVisitor onSystem(BiConsumer<SystemKey, byte[]> action) {
    return of(action, record -> {}, record -> {}, record -> {});
  }

  /** A visitor that hands each secret record to {@code action} and passes over the rest. */
  static SnapshotVisitor onSecrets(Consumer<SecretRecord> action) {
    return of((key, value) -> {}, action, record -> {}, record -> {});
  }

  /** A visitor that hands each version record to {@code action} and passes over the rest. */
  static SnapshotVisitor onVersions(Consumer<VersionRecord> action) {
    return of((key, value) -> {}, record -> {}, action, record -> {});
  }

  /** A visitor that hands each policy record to {@code action} and passes over the rest. */
  static SnapshotVisitor onPolicies(Consumer<PolicyRecord> action) {
    return of((key, value) -> {}, record -> {}, record -> {}, action);
  }

  /** A visitor that hands each kind of record to its own action. */
  private static SnapshotVisitor of(
      BiConsumer<SystemKey, byte[]> system,
      Consumer<SecretRecord> secret,
      Consumer<VersionRecord> version,
      Consumer<PolicyRecord> policy) {
    return new SnapshotVisitor() {
      @Override
      public void system(SystemKey key, byte[] value) {
        system.accept(key, value);
      }

      @Override
      public void secret(SecretRecord record) {
        secret.accept(record);
      }

      @Override
      public void version(VersionRecord record) {
        version.accept(record);
      }

      @Override
      public void policy(PolicyRecord record) {
        policy.accept(record);
      }
    };
  }
}
