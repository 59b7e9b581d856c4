package io.spike.store.changelog;

import static io.spike.store.changelog.Fixtures.KEY;
import static io.spike.store.changelog.Fixtures.LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spike.store.Change;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeLogReaderTest {

  private final MemoryTarget target = new MemoryTarget();
  private ChainState end;
  private List<String> names;

  /** Three segments: changes 1-2, 3, 4-6. */
  @BeforeEach
  void writeLog() {
    end = Fixtures.writeLog(target, 2, 1, 3);
    names = new ArrayList<>(target.objects.keySet());
  }

  /** Asserts that reading the whole log is refused with an exception naming {@code segment}. */
  private void assertRefusedNaming(String segment) {
    Throwable thrown = catchThrowable(() -> ChangeLogReader.read(target, LOG, 0, KEY));
    assertThat(thrown).isInstanceOf(ChangeLogException.class).hasMessageContaining(segment);
    assertThat(((ChangeLogException) thrown).segment()).contains(segment);
  }

  @Test
  void read_ofAnIntactLog_returnsEveryChangeInOrder_andWhereItEnds() {
    ChangeLogReader.Verified log = ChangeLogReader.read(target, LOG, 0, KEY);

    assertThat(log.changes()).isEqualTo(Fixtures.changes(1, 6));
    assertThat(log.end()).isEqualTo(end);
    assertThat(ChangeLogReader.read(target, LOG, 0, null).changes()).hasSize(6);
  }

  @Test
  void segments_areNamedBySequence_andListedInOrder() {
    assertThat(names)
        .containsExactly(
            "changes/" + LOG + "/00000000000000000001-00000000000000000002.seg",
            "changes/" + LOG + "/00000000000000000003-00000000000000000003.seg",
            "changes/" + LOG + "/00000000000000000004-00000000000000000006.seg");
    assertThat(ChangeLogReader.segments(target, LOG))
        .extracting(SegmentName::objectName)
        .containsExactlyElementsOf(names);
  }

  @Test
  void read_afterASeq_returnsOnlyLaterChanges_fromTheSegmentHoldingTheNextOne() {
    assertThat(ChangeLogReader.read(target, LOG, 3, KEY).changes())
        .extracting(Change::seq)
        .containsExactly(4L, 5L, 6L);
    assertThat(ChangeLogReader.read(target, LOG, 1, KEY).changes())
        .extracting(Change::seq)
        .containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(ChangeLogReader.read(target, LOG, 6, KEY).changes()).isEmpty();

    // segments before the one needed are not read: damage there does not matter
    target.objects.put(names.get(0), new byte[] {1, 2, 3});
    assertThat(ChangeLogReader.read(target, LOG, 2, KEY).changes()).hasSize(4);
  }

  @Test
  void everySingleByteFlip_isRefused_namingTheFlippedSegment() {
    for (String name : names) {
      byte[] original = target.objects.get(name);
      for (int i = 0; i < original.length; i++) {
        byte[] flipped = original.clone();
        flipped[i] ^= (byte) 0xFF;
        target.objects.put(name, flipped);
        assertRefusedNaming(name);
        flipped[i] = (byte) (original[i] ^ 0x01);
        assertRefusedNaming(name);
      }
      target.objects.put(name, original);
    }
    assertThatCode(() -> ChangeLogReader.read(target, LOG, 0, KEY)).doesNotThrowAnyException();
  }

  @Test
  void everyTruncation_andAppendedData_isRefused_namingTheSegment() {
    for (String name : names) {
      byte[] original = target.objects.get(name);
      for (int length = 0; length < original.length; length++) {
        target.objects.put(name, Arrays.copyOf(original, length));
        assertRefusedNaming(name);
      }
      target.objects.put(name, Arrays.copyOf(original, original.length + 1));
      assertRefusedNaming(name);
      target.objects.put(name, original);
    }
  }

  @Test
  void swappedOrReorderedSegments_areRefused_namingASegment() {
    tampered(
        objects -> {
          byte[] first = objects.get(names.get(0));
          objects.put(names.get(0), objects.get(names.get(2)));
          objects.put(names.get(2), first);
        },
        names.get(0));
    tampered(
        objects -> {
          // the middle segment renamed to follow the last one
          objects.put(
              "changes/" + LOG + "/00000000000000000007-00000000000000000007.seg",
              objects.remove(names.get(1)));
        },
        names.get(2));
  }

  @Test
  void aMissingMiddleSegment_isAGap_namingTheSegmentAfterIt() {
    tampered(objects -> objects.remove(names.get(1)), names.get(2));
  }

  @Test
  void aMissingFirstSegment_isRefused_whenItsChangesAreNeeded() {
    tampered(objects -> objects.remove(names.get(0)), names.get(1));
    // not needed after change 2: fine
    target.objects.remove(names.get(0));
    assertThat(ChangeLogReader.read(target, LOG, 2, KEY).changes()).hasSize(4);
  }

  @Test
  void aSegmentRewrittenWithFittingNameAndChains_butAnotherKey_failsTheHmac() {
    MemoryTarget forged = new MemoryTarget();
    ChangeSegments.write(
        forged, LOG, ChainState.initial(), Fixtures.changes(1, 2), Fixtures.OTHER_KEY.clone());
    tampered(objects -> objects.put(names.get(0), forged.objects.get(names.get(0))), names.get(0));
    // the SHA-256 chain alone cannot tell (anyone can compute it), but the link to segment 2 can
    target.objects.put(names.get(0), forged.objects.get(names.get(0)));
    Throwable keyless = catchThrowable(() -> ChangeLogReader.read(target, LOG, 0, null));
    assertThat(keyless).isInstanceOf(ChangeLogException.class).hasMessageContaining(names.get(1));
  }

  @Test
  void anOverlappingSegment_isRefused() {
    tampered(
        objects -> {
          MemoryTarget other = new MemoryTarget();
          ChangeSegments.write(
              other, LOG, ChainState.initial(), Fixtures.changes(1, 3), KEY.clone());
          objects.putAll(other.objects);
        },
        names.get(1));
  }

  @Test
  void anObjectThatIsNotASegment_isRefused_namingIt() {
    String stray = "changes/" + LOG + "/notes.txt";
    tampered(objects -> objects.put(stray, new byte[] {1}), stray);
  }

  @Test
  void aLogWithoutSegments_orWithoutTheNeededStart_isRefused() {
    assertThat(catchThrowable(() -> ChangeLogReader.read(target, "other", 0, KEY)))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining("has no segments");

    MemoryTarget late = new MemoryTarget();
    ChangeSegments.write(late, LOG, ChainState.initial(), Fixtures.changes(5, 6), KEY.clone());
    assertThat(catchThrowable(() -> ChangeLogReader.read(late, LOG, 0, KEY)))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining("change 1 is needed");
    assertThat(ChangeLogReader.read(late, LOG, 4, KEY).changes()).hasSize(2);
  }

  @Test
  void tail_isTheLastSegmentsEnd_checkedOnItsOwn() {
    assertThat(ChangeLogReader.tail(target, LOG, KEY)).contains(end);
    assertThat(ChangeLogReader.tail(target, "other", KEY)).isEmpty();
    // without a key (a shipper whose key changed with the root key): the SHA-256 chain only
    assertThat(ChangeLogReader.tail(target, LOG)).contains(end);
    assertThat(catchThrowable(() -> ChangeLogReader.tail(target, LOG, Fixtures.OTHER_KEY)))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining("HMAC");

    byte[] last = target.objects.get(names.get(2));
    last[last.length - 1] ^= 1;
    assertThat(catchThrowable(() -> ChangeLogReader.tail(target, LOG, KEY)))
        .isInstanceOf(ChangeLogException.class)
        .hasMessageContaining(names.get(2));
  }

  /**
   * Applies {@code tampering} to the objects, asserts the refusal naming {@code segment}, undoes.
   */
  private void tampered(Consumer<Map<String, byte[]>> tampering, String segment) {
    Map<String, byte[]> saved = new java.util.TreeMap<>(target.objects);
    tampering.accept(target.objects);
    try {
      assertRefusedNaming(segment);
    } finally {
      target.objects.clear();
      target.objects.putAll(saved);
    }
  }

  /**
   * Fuzz target (regression inputs in ChangeLogReaderTestInputs/): any bytes, stored as the only
   * segment of a log (as they are, and with the trailer's chain values recomputed over the entries
   * as framed, so fuzzed entries get past the chains into the entry and body decoders), are either
   * read back as changes that re-encode to exactly those bytes, or refused with a {@link
   * ChangeLogException} naming that segment; nothing else is ever thrown.
   */
  @FuzzTest(maxDuration = "60s")
  void read_fuzzedSegment_isRefusedNamingIt_orReadsBackExactly(byte[] content) {
    checkFuzzed(content);
    byte[] repaired = withRepairedChains(content);
    if (!Arrays.equals(repaired, content)) {
      checkFuzzed(repaired);
    }
  }

  private static final String FUZZED = new SegmentName(LOG, 1, 2).objectName();

  private static void checkFuzzed(byte[] content) {
    MemoryTarget fuzzed = new MemoryTarget();
    fuzzed.objects.put(FUZZED, content);
    ChangeLogReader.Verified log;
    try {
      log = ChangeLogReader.read(fuzzed, LOG, 0, KEY);
    } catch (ChangeLogException refused) {
      assertThat(refused.segment()).contains(FUZZED);
      assertThat(refused).hasMessageStartingWith("change log segment " + FUZZED + ": ");
      return;
    }
    MemoryTarget again = new MemoryTarget();
    ChangeSegments.write(again, LOG, ChainState.initial(), log.changes(), KEY.clone());
    assertThat(again.objects.get(FUZZED)).isEqualTo(content);
  }

  /**
   * The content with its last 64 bytes replaced by the chain values over the entries that the
   * framing (header of the fuzzed segment's name, length fields) delimits, when it does.
   */
  private static byte[] withRepairedChains(byte[] content) {
    int header = 8 + 2 + 1 + LOG.length() + 16 + 64;
    if (content.length < header + 64) {
      return content;
    }
    ByteBuffer in = ByteBuffer.wrap(content, header, content.length - header - 64);
    byte[] sha = Arrays.copyOfRange(content, header - 64, header - 32);
    byte[] hmac = Arrays.copyOfRange(content, header - 32, header);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      while (in.remaining() >= ChangeLogFormat.ENTRY_FIXED_BYTES) {
        int start = in.position();
        in.position(start + 17);
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          return content;
        }
        in.position(in.position() + length);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(sha);
        digest.update(content, start, in.position() - start);
        sha = digest.digest();
        mac.update(hmac);
        mac.update(content, start, in.position() - start);
        hmac = mac.doFinal();
      }
      if (in.hasRemaining()) {
        return content;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] repaired = content.clone();
    System.arraycopy(sha, 0, repaired, content.length - 64, 32);
    System.arraycopy(hmac, 0, repaired, content.length - 32, 32);
    return repaired;
  }
}
