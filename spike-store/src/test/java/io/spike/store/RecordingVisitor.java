package io.spike.store;

import io.spike.store.snapshot.SnapshotVisitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Records what a store's export or a snapshot reader hands out, in the order it hands it out:
 * system records as {@code KEY=hex}, the other records as themselves. Subclass it to act at a
 * record and call {@code super} to keep recording.
 */
public class RecordingVisitor implements SnapshotVisitor {
  private final List<Object> records = new ArrayList<>();

  /** What export hands out from {@code store}, in order. */
  public static List<Object> exported(SpikeStore store) {
    RecordingVisitor recorder = new RecordingVisitor();
    store.export(recorder);
    return recorder.records();
  }

  /** The records seen so far (a read-only view). */
  public final List<Object> records() {
    return Collections.unmodifiableList(records);
  }

  @Override
  public void system(SystemKey key, byte[] value) {
    records.add(key + "=" + HexFormat.of().formatHex(value));
  }

  @Override
  public void secret(SecretRecord record) {
    records.add(record);
  }

  @Override
  public void version(VersionRecord record) {
    records.add(record);
  }

  @Override
  public void policy(PolicyRecord record) {
    records.add(record);
  }
}
