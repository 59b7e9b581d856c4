package io.spike.pilot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.Shard;
import io.spike.crypto.ShardSearch;
import io.spike.pilot.testing.SnapshotFixture;
import io.spike.store.snapshot.SnapshotHeader;
import io.spike.store.snapshot.SnapshotReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTrustTest {
  @TempDir Path dir;

  private final SnapshotFixture system = new SnapshotFixture();

  private static SnapshotHeader header(Path snap) {
    return SnapshotReader.inspect(snap).header().orElseThrow();
  }

  private SnapshotTrust.Verdict withOurKey(Path snap) {
    List<Shard> shards = RecoveryShards.fromDir(system.writeShards(dir.resolve("shards"), 1, 2));
    ShardSearch.Found found = KeyFinder.find(shards, header(snap).keyCheck()).orElseThrow();
    try {
      return SnapshotTrust.withKey(snap, header(snap), found);
    } finally {
      found.key().destroy();
      shards.forEach(Shard::destroy);
    }
  }

  @Test
  void withoutKey_signed_needsAKey_whateverTheFlag() {
    SnapshotHeader signed = header(system.snapshotIn(dir));

    assertThat(SnapshotTrust.withoutKey(signed, false)).isEmpty();
    assertThat(SnapshotTrust.withoutKey(signed, true)).isEmpty();
  }

  @Test
  void withoutKey_unsigned_isRefused_unlessAllowed() {
    SnapshotHeader unsigned = header(system.unsignedSnapshot(dir.resolve("u.snap")));

    assertThat(SnapshotTrust.withoutKey(unsigned, false))
        .get()
        .isInstanceOfSatisfying(
            SnapshotTrust.Refused.class,
            r -> {
              assertThat(r.problem()).isEqualTo(SnapshotTrust.UNSIGNED);
              assertThat(r.remedy()).contains("--allow-unsigned");
            });
    assertThat(SnapshotTrust.withoutKey(unsigned, true))
        .get()
        .isInstanceOf(SnapshotTrust.UnsignedAllowed.class);
  }

  @Test
  void withKey_genuine_namesTheShards() {
    assertThat(withOurKey(system.snapshotIn(dir)))
        .isEqualTo(new SnapshotTrust.Genuine("HMAC matches the root key rebuilt from shards 1, 2"));
  }

  @Test
  void withKey_anotherHmacKey_isRefused() {
    assertThat(withOurKey(system.snapshotSignedByAnotherKey(dir.resolve("s.snap"))))
        .isInstanceOfSatisfying(
            SnapshotTrust.Refused.class,
            r -> assertThat(r.problem()).startsWith("hmac: does not" + " match"));
  }

  @Test
  void withKey_goodHmacButARecordThatDoesNotDecrypt_isRefused() {
    assertThat(withOurKey(system.snapshotWithMisplacedPolicy(dir.resolve("s.snap"))))
        .isInstanceOfSatisfying(
            SnapshotTrust.Refused.class,
            r ->
                assertThat(r.problem())
                    .isEqualTo("policy|web: does not decrypt (and 1 more problem)"));
  }

  @Test
  void withKey_recordsRemovedAndResignedByAForger_isRefused() {
    Path resigned = system.forgedSignedWith(dir, store -> store.deletePolicy("web"), new byte[32]);

    assertThat(withOurKey(resigned))
        .isInstanceOfSatisfying(
            SnapshotTrust.Refused.class,
            r -> assertThat(r.problem()).startsWith("hmac: does not match"));
  }

  @Test
  void byNexus_okAndSigned_isGenuine_anythingElseIsRefused() {
    assertThat(
            SnapshotTrust.byNexus(
                new SnapshotVerifyResponse(true, true, 1, 1, 1, List.of()), "https://n"))
        .isEqualTo(new SnapshotTrust.Genuine("HMAC matches the root key of Nexus at https://n"));
    assertThat(
            SnapshotTrust.byNexus(
                new SnapshotVerifyResponse(true, false, 1, 1, 1, List.of()), "https://n"))
        .isInstanceOf(SnapshotTrust.Refused.class);
    assertThat(
            SnapshotTrust.byNexus(
                new SnapshotVerifyResponse(
                    false, true, 0, 0, 0, List.of("snapshot is from another root key")),
                "https://n"))
        .isInstanceOfSatisfying(
            SnapshotTrust.Refused.class,
            r -> assertThat(r.problem()).isEqualTo("snapshot is from another root key"));
    assertThat(
            SnapshotTrust.byNexus(
                new SnapshotVerifyResponse(false, true, 0, 0, 0, List.of()), "https://n"))
        .isInstanceOf(SnapshotTrust.Refused.class);
  }
}
