package io.spike.nexus.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.Keyring;
import io.spike.crypto.RootKey;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import io.spike.store.snapshot.SnapshotOptions;
import io.spike.store.snapshot.SnapshotReader;
import io.spike.store.snapshot.SnapshotVisitor;
import io.spike.store.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotVerifierTest {
  @TempDir Path dir;
  private final LiveStore live = new LiveStore().withData();

  @AfterEach
  void close() {
    live.close();
  }

  private SnapshotVerifyResponse verify(Path file) {
    RootKey key = live.keyCopy();
    try {
      return new SnapshotVerifier(key, file).verify();
    } finally {
      key.destroy();
    }
  }

  @Test
  void goodSnapshot_isOk_signed_withEveryRecordCounted() {
    SnapshotVerifyResponse result = verify(live.snapshot(dir));

    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.signed()).isTrue();
    assertThat(result.secrets()).isEqualTo(2);
    assertThat(result.versions()).isEqualTo(3);
    assertThat(result.policies()).isEqualTo(1);
  }

  @Test
  void recordsFromAnotherSource_areTheOnesDecrypted_andCountedAgainstTheHeader() {
    Path file = live.snapshot(dir);
    live.secrets.put("apps/later/db", Map.of("pass", LiveStore.PLAINTEXTS.get(0)));
    RootKey key = live.keyCopy();
    try {
      SnapshotVerifyResponse result = new SnapshotVerifier(key, file).verify(live.store::export);

      assertThat(result.secrets()).isEqualTo(3);
      assertThat(result.versions()).isEqualTo(4);
      assertThat(result.problems())
          .containsExactly(
              "header: counts say 2 secrets, the file holds 3",
              "header: counts say 3 versions, the file holds 4");
    } finally {
      key.destroy();
    }
  }

  @Test
  void snapshotOfAnotherRootKey_isRefusedWithOneProblem() {
    try (LiveStore other = new LiveStore().withData()) {
      SnapshotVerifyResponse result = verify(other.snapshot(dir));

      assertThat(result.ok()).isFalse();
      assertThat(result.problems()).containsExactly("snapshot is from another root key");
      assertThat(result.versions()).isZero();
    }
  }

  @Test
  void unsignedSnapshot_isNotOk_sayingNothingProvesWhoWroteIt_thoughEveryRecordDecrypts() {
    Path file = dir.resolve("offline.snap");
    SnapshotWriter.writeFile(live.store, file, SnapshotOptions.unsigned(Instant.now(), "memory"));

    SnapshotVerifyResponse result = verify(file);

    assertThat(result.ok()).isFalse();
    assertThat(result.signed()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .startsWith("unsigned: nothing proves who wrote it; ");
    assertThat(result.versions()).isEqualTo(3);
  }

  @Test
  void oldRecordsRewrittenUnsigned_decryptEveryOne_butAreNotOk() {
    Path old = live.snapshot(dir);
    live.store.deletePolicy(
        "billing"); // revoked since; the forger puts it back by rewriting the old records
    Path forged = dir.resolve("forged.snap");
    try (SpikeStore copy = Stores.open(new StoreConfig.Memory())) {
      copy.importAll(sink -> SnapshotReader.read(old, SnapshotVisitor.forwardingTo(sink)));
      SnapshotWriter.writeFile(copy, forged, SnapshotOptions.unsigned(Instant.now(), "memory"));
    }

    SnapshotVerifyResponse result = verify(forged);

    assertThat(result.ok()).isFalse();
    assertOnlyProblem(result, "unsigned: ");
    assertThat(result.policies())
        .as("the spliced policy decrypts: only the signature could tell")
        .isEqualTo(1);
  }

  @Test
  void hmacUnderAnotherKey_isAProblem() {
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    Path file = dir.resolve("forged.snap");
    SnapshotWriter.writeFile(
        live.store, file, SnapshotOptions.signed(Instant.now(), "memory", List.of(1), otherKey));

    SnapshotVerifyResponse result = verify(file);

    assertThat(result.ok()).isFalse();
    assertThat(result.signed()).isTrue();
    assertOnlyProblem(result, "trailer: the HMAC does not match");
  }

  @Test
  void recordMovedToAnotherPlace_failsToDecrypt_andIsNamedWithoutContents() {
    live.moveVersionOntoAnotherPath();

    SnapshotVerifyResponse result = verify(live.snapshot(dir));

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .containsExactly("versions: 'apps/api/db' version 1 does not decrypt");
    assertThat(result.versions()).isEqualTo(2);
    assertThat(result.secrets()).isEqualTo(2);
    assertThat(String.join("\n", result.problems())).doesNotContain(LiveStore.PLAINTEXTS);
  }

  @Test
  void keyringUnderAnotherRootKey_isNamed() throws Exception {
    RootKey stranger = RootKey.generate(new SecureRandom());
    Keyring keyring = Keyring.create(new SecureRandom());
    live.store.putSystem(Map.of(SystemKey.KEYRING, keyring.wrap(stranger)));

    SnapshotVerifyResponse result = verify(live.snapshot(dir));

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .containsExactly("system: the keyring does not open with this root key");
    assertThat(result.secrets() + result.versions() + result.policies()).isZero();
    stranger.destroy();
    keyring.destroy();
  }

  @Test
  void snapshotOfAStoreWithoutKeyCheck_isRefused() {
    live.store.updateSystem(Map.of(), Set.of(SystemKey.KEY_CHECK));

    SnapshotVerifyResponse result = verify(live.snapshot(dir));

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("no key check");
  }

  @Test
  void oneByteChanged_inAnySection_isRefused_namingTheSection() {
    Path good = live.snapshot(dir);
    for (String section : List.of("header", "system", "secrets", "versions", "policies")) {
      SnapshotVerifyResponse result =
          verify(LiveStore.flipByteIn(good, section, dir.resolve(section + ".snap")));

      assertThat(result.ok()).as(section).isFalse();
      assertThat(result.problems()).as(section).singleElement().asString().contains(section);
    }
  }

  @Test
  void truncated_isRefused_namingTheSection() throws IOException {
    Path good = live.snapshot(dir);
    byte[] bytes = Files.readAllBytes(good);
    Path cut =
        Files.write(
            dir.resolve("cut.snap"),
            Arrays.copyOf(bytes, LiveStore.sectionPayload(bytes, "versions") + 3));

    SnapshotVerifyResponse result = verify(cut);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("versions")
        .contains("truncated");
  }

  @Test
  void notASnapshot_isRefused() throws IOException {
    Path junk = Files.write(dir.resolve("junk.snap"), "hello".getBytes());

    SnapshotVerifyResponse result = verify(junk);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).hasSize(1);
  }

  /** Not ok, with exactly one problem, which starts with {@code prefix}. */
  private static void assertOnlyProblem(SnapshotVerifyResponse result, String prefix) {
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().startsWith(prefix);
  }
}
