package io.spike.store.changelog;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.spike.store.Change;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and decodes one segment ({@link ChangeLogFormat}). Decoding checks everything a segment
 * can check on its own: structure and lengths (against what is left, before allocating), header
 * against name, consecutive sequence numbers, valid bodies, the SHA-256 chain and, with a key, the
 * HMAC chain. Links between segments are {@link ChangeLogReader}'s.
 */
final class SegmentCodec {

  /** A decoded segment that checked out on its own. */
  record Segment(SegmentName name, ChainState previous, List<Change> changes, ChainState end) {}

  private SegmentCodec() {}

  /** The segment's bytes and the chain state after it. */
  record Encoded(byte[] bytes, ChainState end) {}

  static Encoded encode(SegmentName name, ChainState previous, List<Change> changes, byte[] key) {
    Chains chains = new Chains(previous, key);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(ChangeLogFormat.MAGIC);
      out.writeShort(ChangeLogFormat.FORMAT_VERSION);
      byte[] logId = name.logId().getBytes(US_ASCII);
      out.writeByte(logId.length);
      out.write(logId);
      out.writeLong(name.firstSeq());
      out.writeLong(name.lastSeq());
      out.write(previous.sha());
      out.write(previous.hmac());
      for (Change change : changes) {
        byte[] entry = entry(change);
        chains.add(entry, 0, entry.length);
        out.write(entry);
        if (out.size() > ChangeLogFormat.MAX_SEGMENT_BYTES - ChangeLogFormat.TRAILER_BYTES) {
          throw new IllegalArgumentException(
              "a segment may not exceed " + ChangeLogFormat.MAX_SEGMENT_BYTES + " bytes");
        }
      }
      out.write(chains.sha);
      out.write(chains.hmac);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return new Encoded(
        bytes.toByteArray(), new ChainState(name.lastSeq(), chains.sha, chains.hmac));
  }

  private static byte[] entry(Change change) throws IOException {
    byte[] body = change.body();
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(ChangeLogFormat.ENTRY_FIXED_BYTES + body.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(change.seq());
      out.writeLong(change.at().toEpochMilli());
      out.writeByte(change.kind().code());
      out.writeInt(body.length);
      out.write(body);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes and checks the segment stored as {@code name}.
   *
   * @param key the HMAC key, or {@code null} to check the SHA-256 chain only
   * @throws ChangeLogException naming the segment, for any fault
   */
  static Segment decode(SegmentName name, byte[] bytes, byte[] key) {
    String object = name.objectName();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] magic = take(in, ChangeLogFormat.MAGIC.length, object, "header");
    if (!Arrays.equals(magic, ChangeLogFormat.MAGIC)) {
      throw ChangeLogException.segment(object, "not a change log segment (bad magic)");
    }
    int format = Short.toUnsignedInt(ByteBuffer.wrap(take(in, 2, object, "header")).getShort());
    if (format != ChangeLogFormat.FORMAT_VERSION) {
      throw ChangeLogException.segment(object, "unknown format version " + format);
    }
    int idLength = Byte.toUnsignedInt(take(in, 1, object, "header")[0]);
    String logId = new String(take(in, idLength, object, "header"), US_ASCII);
    ByteBuffer seqs = ByteBuffer.wrap(take(in, 16, object, "header"));
    long firstSeq = seqs.getLong();
    long lastSeq = seqs.getLong();
    if (!logId.equals(name.logId()) || firstSeq != name.firstSeq() || lastSeq != name.lastSeq()) {
      throw ChangeLogException.segment(
          object, "its header names another log or other changes than its object name");
    }
    byte[] prevSha = take(in, ChangeLogFormat.CHAIN_BYTES, object, "header");
    byte[] prevHmac = take(in, ChangeLogFormat.CHAIN_BYTES, object, "header");
    ChainState previous = new ChainState(firstSeq - 1, prevSha, prevHmac);
    Chains chains = new Chains(previous, key);
    List<Change> changes = new ArrayList<>();
    for (long seq = firstSeq; seq <= lastSeq; seq++) {
      changes.add(entry(in, seq, chains, object));
    }
    byte[] sha = take(in, ChangeLogFormat.CHAIN_BYTES, object, "trailer");
    byte[] hmac = take(in, ChangeLogFormat.CHAIN_BYTES, object, "trailer");
    if (in.hasRemaining()) {
      throw ChangeLogException.segment(object, "data after the trailer");
    }
    if (!MessageDigest.isEqual(sha, chains.sha)) {
      throw ChangeLogException.segment(object, "SHA-256 chain mismatch (damaged or altered)");
    }
    if (key != null && !MessageDigest.isEqual(hmac, chains.hmac)) {
      throw ChangeLogException.segment(
          object, "HMAC chain mismatch (altered, or written under another key)");
    }
    return new Segment(name, previous, List.copyOf(changes), new ChainState(lastSeq, sha, hmac));
  }

  private static Change entry(ByteBuffer in, long expectedSeq, Chains chains, String object) {
    int start = in.position();
    ByteBuffer fixed =
        ByteBuffer.wrap(take(in, ChangeLogFormat.ENTRY_FIXED_BYTES, object, "entry"));
    long seq = fixed.getLong();
    long at = fixed.getLong();
    int code = Byte.toUnsignedInt(fixed.get());
    int length = fixed.getInt();
    if (seq != expectedSeq) {
      throw ChangeLogException.segment(
          object, "holds change " + seq + " where change " + expectedSeq + " belongs");
    }
    if (length < 0 || length > in.remaining()) {
      throw ChangeLogException.segment(object, "truncated or damaged (a length exceeds the file)");
    }
    byte[] body = take(in, length, object, "entry");
    chains.add(in.array(), start, in.position() - start);
    Change.Kind kind =
        Change.Kind.fromCode(code)
            .orElseThrow(
                () -> ChangeLogException.segment(object, "change " + seq + " has an unknown kind"));
    try {
      Change change = new Change(seq, Instant.ofEpochMilli(at), kind, body);
      change.decode();
      return change;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw ChangeLogException.segment(object, "change " + seq + " is malformed", e);
    }
  }

  private static byte[] take(ByteBuffer in, int n, String object, String where) {
    if (n > in.remaining()) {
      throw ChangeLogException.segment(object, "truncated (in the " + where + ")");
    }
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  /** Both chains, advanced entry by entry. */
  private static final class Chains {
    private final Mac mac;
    private byte[] sha;
    private byte[] hmac;

    Chains(ChainState previous, byte[] key) {
      this.sha = previous.sha();
      this.hmac = previous.hmac();
      this.mac = key == null ? null : mac(key);
    }

    void add(byte[] entry, int offset, int length) {
      MessageDigest digest = sha256();
      digest.update(sha);
      digest.update(entry, offset, length);
      sha = digest.digest();
      if (mac != null) {
        mac.update(hmac);
        mac.update(entry, offset, length);
        hmac = mac.doFinal();
      }
    }

    private static Mac mac(byte[] key) {
      if (key.length != ChangeLogFormat.HMAC_KEY_BYTES) {
        throw new IllegalArgumentException(
            "the change log HMAC key must be " + ChangeLogFormat.HMAC_KEY_BYTES + " bytes");
      }
      try {
        Mac mac = Mac.getInstance(ChangeLogFormat.HMAC_ALGORITHM);
        mac.init(new SecretKeySpec(key, ChangeLogFormat.HMAC_ALGORITHM));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
      }
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }
}
