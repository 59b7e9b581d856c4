package io.spike.store.changelog;

import static io.spike.store.changelog.Fixtures.KEY;
import static io.spike.store.changelog.Fixtures.LOG;
import static io.spike.store.changelog.Fixtures.changes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.Change;
import io.spike.store.target.BackupTarget;
import io.spike.store.target.BackupTargets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSegmentsTest {

  private final MemoryTarget target = new MemoryTarget();

  @Test
  void write_storesOneSegment_andReturnsTheStateTheNextOneStartsFrom() {
    ChainState first = ChangeSegments.write(target, LOG, ChainState.initial(), changes(1, 2), KEY);
    ChainState second = ChangeSegments.write(target, LOG, first, changes(3, 3), KEY);

    assertThat(first.lastSeq()).isEqualTo(2);
    assertThat(second.lastSeq()).isEqualTo(3);
    assertThat(target.objects).hasSize(2);
    assertThat(ChangeLogReader.tail(target, LOG, KEY)).contains(second);
  }

  @Test
  void layout_andChains_followTheSpec() throws Exception {
    List<Change> changes = changes(1, 2);
    ChainState end = ChangeSegments.write(target, LOG, ChainState.initial(), changes, KEY);
    ByteBuffer in = ByteBuffer.wrap(target.objects.values().iterator().next());

    byte[] magic = new byte[8];
    in.get(magic);
    assertThat(new String(magic, US_ASCII)).isEqualTo("SPIKECHG");
    assertThat(in.getShort()).isEqualTo((short) 1);
    byte[] id = new byte[in.get()];
    in.get(id);
    assertThat(new String(id, US_ASCII)).isEqualTo(LOG);
    assertThat(in.getLong()).isEqualTo(1);
    assertThat(in.getLong()).isEqualTo(2);
    byte[] prev = new byte[64];
    in.get(prev);
    assertThat(prev).containsOnly(0);

    byte[] sha = new byte[32];
    byte[] hmac = new byte[32];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    for (Change change : changes) {
      int start = in.position();
      assertThat(in.getLong()).isEqualTo(change.seq());
      assertThat(in.getLong()).isEqualTo(change.at().toEpochMilli());
      assertThat(in.get()).isEqualTo((byte) change.kind().code());
      byte[] body = new byte[in.getInt()];
      in.get(body);
      assertThat(body).isEqualTo(change.body());
      byte[] entry = Arrays.copyOfRange(in.array(), start, in.position());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(sha);
      sha = digest.digest(entry);
      mac.update(hmac);
      hmac = mac.doFinal(entry);
    }
    byte[] trailer = new byte[64];
    in.get(trailer);
    assertThat(in.hasRemaining()).isFalse();
    assertThat(Arrays.copyOf(trailer, 32)).isEqualTo(sha).isEqualTo(end.sha());
    assertThat(Arrays.copyOfRange(trailer, 32, 64)).isEqualTo(hmac).isEqualTo(end.hmac());
  }

  @Test
  void aLogsFirstSegment_mayStartAfterChangesThatWereNeverShipped() {
    ChainState end = ChangeSegments.write(target, LOG, ChainState.initial(), changes(5, 6), KEY);
    assertThat(end.lastSeq()).isEqualTo(6);
  }

  @Test
  void changesThatDoNotFollow_orAreNotConsecutive_orNone_areRefused_andNothingIsWritten() {
    ChainState first = ChangeSegments.write(target, LOG, ChainState.initial(), changes(1, 2), KEY);

    assertThatThrownBy(() -> ChangeSegments.write(target, LOG, first, changes(4, 4), KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeSegments.write(target, LOG, first, changes(2, 3), KEY))
        .isInstanceOf(IllegalArgumentException.class);
    List<Change> holes = List.of(Fixtures.change(3), Fixtures.change(5));
    assertThatThrownBy(() -> ChangeSegments.write(target, LOG, first, holes, KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeSegments.write(target, LOG, first, List.of(), KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeSegments.write(target, LOG, first, changes(3, 3), new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(target.objects).hasSize(1);
  }

  @Test
  void aDirectoryTarget_holdsTheSegmentsAsFiles_andReadsThemBack(@TempDir Path dir) {
    try (BackupTarget directory = BackupTargets.open(dir.toString())) {
      ChainState first =
          ChangeSegments.write(directory, LOG, ChainState.initial(), changes(1, 2), KEY);
      ChainState second = ChangeSegments.write(directory, LOG, first, changes(3, 4), KEY);

      assertThat(dir.resolve("changes").resolve(LOG))
          .isDirectoryContaining("glob:**/00000000000000000003-00000000000000000004.seg");
      assertThat(ChangeLogReader.read(directory, LOG, 0, KEY).changes()).isEqualTo(changes(1, 4));
      assertThat(ChangeLogReader.tail(directory, LOG, KEY)).contains(second);
    }
  }
}
