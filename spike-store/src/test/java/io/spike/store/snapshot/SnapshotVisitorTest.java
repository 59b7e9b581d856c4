package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.store.PolicyRecord;
import io.spike.store.RecordingVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotVisitorTest {
  private static final SecretRecord SECRET = new SecretRecord("a", 1, bytes("m"));
  private static final VersionRecord VERSION = new VersionRecord("a", 1, bytes("c"));
  private static final PolicyRecord POLICY = new PolicyRecord("p", bytes("x"));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void feed(SnapshotVisitor visitor) {
    visitor.system(SystemKey.KEY_CHECK, new byte[] {1, 2});
    visitor.secret(SECRET);
    visitor.version(VERSION);
    visitor.policy(POLICY);
  }

  @Test
  void defaults_doNothing() {
    feed(new SnapshotVisitor() {});
  }

  @Test
  void forwardingTo_handsEveryRecordOn_inOrder() {
    RecordingVisitor sink = new RecordingVisitor();
    feed(SnapshotVisitor.forwardingTo(sink));
    assertThat(sink.records())
        .containsExactly(SystemKey.KEY_CHECK + "=0102", SECRET, VERSION, POLICY);
  }

  @Test
  void onOneKind_seesOnlyThatKind() {
    List<Object> seen = new ArrayList<>();
    feed(SnapshotVisitor.onSystem((key, value) -> seen.add(key)));
    feed(SnapshotVisitor.onSecrets(seen::add));
    feed(SnapshotVisitor.onVersions(seen::add));
    feed(SnapshotVisitor.onPolicies(seen::add));
    assertThat(seen).containsExactly(SystemKey.KEY_CHECK, SECRET, VERSION, POLICY);
  }
}
