package io.spike.store.snapshot;

import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import io.spike.store.snapshot.SnapshotFormat.Section;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;

/**
 * One record in a section's payload:
 *
 * <pre>
 * system   key id (u16 len) | value (u32 len)
 * secrets  path (u16 len) | revision (8) | metadata (u32 len)
 * versions path (u16 len) | version (4) | ciphertext (u32 len)
 * policies name (u16 len) | ciphertext (u32 len)
 * </pre>
 *
 * Keys are UTF-8. Decoding builds the store's own records, so their checks (no blank path, version
 * at least 1, ...) apply to what a file holds too.
 */
final class RecordCodec {

  /** A record that cannot be encoded or decoded; the message never quotes a value. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private RecordCodec() {}

  // --- encoding ---

  static void system(DataOutputStream out, SystemKey key, byte[] value) throws IOException {
    key(out, key.id(), "system record id");
    value(out, value, key.id());
  }

  static void secret(DataOutputStream out, SecretRecord r) throws IOException {
    key(out, r.path(), "path");
    out.writeLong(r.revision());
    value(out, r.metadata(), r.path());
  }

  static void version(DataOutputStream out, VersionRecord r) throws IOException {
    key(out, r.path(), "path");
    out.writeInt(r.version());
    value(out, r.ciphertext(), r.path());
  }

  static void policy(DataOutputStream out, PolicyRecord r) throws IOException {
    key(out, r.name(), "policy name");
    value(out, r.ciphertext(), r.name());
  }

  private static void key(DataOutputStream out, String key, String what) throws IOException {
    byte[] bytes;
    try {
      bytes = SnapshotFormat.utf8(key);
    } catch (CharacterCodingException e) {
      throw new SnapshotException(what + " is not valid Unicode");
    }
    if (bytes.length > SnapshotFormat.MAX_KEY_BYTES) {
      throw new SnapshotException(what + " longer than " + SnapshotFormat.MAX_KEY_BYTES + " bytes");
    }
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private static void value(DataOutputStream out, byte[] value, String owner) throws IOException {
    if (value.length > SnapshotFormat.MAX_VALUE_BYTES) {
      throw new SnapshotException(
          "record '" + owner + "' is larger than " + SnapshotFormat.MAX_VALUE_BYTES + " bytes");
    }
    out.writeInt(value.length);
    out.write(value);
  }

  // --- decoding ---

  /**
   * Reads one record of {@code section} from {@code in} (which ends where the payload ends, with
   * {@code remaining} bytes left) and hands it to the visitor.
   */
  static void decode(Section section, DataInputStream in, Payload remaining, RecordVisitor visitor)
      throws IOException, Malformed {
    try {
      switch (section) {
        case SYSTEM -> {
          String id = key(in, remaining);
          SystemKey key =
              SystemKey.fromId(id).orElseThrow(() -> new Malformed("unknown system record"));
          visitor.system(key, value(in, remaining));
        }
        case SECRETS -> {
          String path = key(in, remaining);
          long revision = in.readLong();
          visitor.secret(new SecretRecord(path, revision, value(in, remaining)));
        }
        case VERSIONS -> {
          String path = key(in, remaining);
          int version = in.readInt();
          visitor.version(new VersionRecord(path, version, value(in, remaining)));
        }
        case POLICIES -> {
          String name = key(in, remaining);
          visitor.policy(new PolicyRecord(name, value(in, remaining)));
        }
        default -> throw new Malformed("section holds no records");
      }
    } catch (EOFException e) {
      throw new Malformed("a record runs past the end of the section");
    } catch (IllegalArgumentException e) {
      throw new Malformed("invalid record: " + e.getMessage());
    }
  }

  /** How much of the payload is left. */
  interface Payload {
    long remaining();
  }

  private static String key(DataInputStream in, Payload payload) throws IOException, Malformed {
    int length = in.readUnsignedShort();
    byte[] bytes = bounded(in, payload, length);
    try {
      return SnapshotFormat.utf8(bytes);
    } catch (CharacterCodingException e) {
      throw new Malformed("a key is not valid UTF-8");
    }
  }

  private static byte[] value(DataInputStream in, Payload payload) throws IOException, Malformed {
    long length = Integer.toUnsignedLong(in.readInt());
    if (length > SnapshotFormat.MAX_VALUE_BYTES) {
      throw new Malformed("a record is larger than " + SnapshotFormat.MAX_VALUE_BYTES + " bytes");
    }
    return bounded(in, payload, (int) length);
  }

  /**
   * Reads {@code length} bytes, refusing before reading when the payload claims fewer. The bytes
   * are read in chunks, never allocated up front: a section's length is the file's claim, so a tiny
   * file claiming a 64 MiB record costs what the file holds, not 64 MiB.
   */
  private static byte[] bounded(DataInputStream in, Payload payload, int length)
      throws IOException, Malformed {
    if (length > payload.remaining()) {
      throw new Malformed("a record runs past the end of the section");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException();
    }
    return bytes;
  }
}
