package io.spike.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The typed content of a {@link Change}: exactly what re-applies it ({@link
 * SpikeStore#applyChange}).
 *
 * <p>Encoding (big-endian; a string or byte array is a 4-byte length and its bytes, strings in
 * UTF-8): a secret write is path, expected revision (8 bytes), metadata, the number of upserts and
 * each upsert's version (4 bytes) and ciphertext, the number of removals and each removed version;
 * a policy put is name and ciphertext; a policy delete is the name; a system update is the number
 * of puts and each put's key id and value, the number of removals and each removed key id; a wipe
 * is empty. Decoding checks every length against what is left, so a damaged body is refused, never
 * over-allocated.
 */
public sealed interface ChangeBody {

  /** The kind of change this body belongs to. */
  Change.Kind kind();

  /** This body's encoding. */
  default byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** Writes the encoding. */
  void write(DataOutputStream out) throws IOException;

  /**
   * Decodes a body of the given kind.
   *
   * @throws IllegalArgumentException when {@code body} is not a complete, valid encoding
   */
  static ChangeBody decode(Change.Kind kind, byte[] body) {
    Objects.requireNonNull(kind, "kind");
    BodyReader in = new BodyReader(body);
    try {
      ChangeBody decoded =
          switch (kind) {
            case SECRET_WRITE -> SecretWritten.read(in);
            case POLICY_PUT -> new PolicyPut(new PolicyRecord(in.string(), in.bytes()));
            case POLICY_DELETE -> new PolicyDeleted(in.string());
            case SYSTEM_UPDATE -> SystemUpdated.read(in);
            case WIPE -> new Wiped();
          };
      in.end();
      return decoded;
    } catch (IllegalArgumentException e) {
      // the records' own checks (a blank path, a version below 1, ...): their messages quote no
      // value
      throw e.getMessage() != null && e.getMessage().startsWith(BodyReader.MALFORMED)
          ? e
          : new IllegalArgumentException(BodyReader.MALFORMED + e.getMessage(), e);
    }
  }

  /** A secret write, as {@link SpikeStore#writeSecret} applied it. */
  record SecretWritten(SecretWrite write) implements ChangeBody {
    public SecretWritten {
      Objects.requireNonNull(write, "write");
    }

    @Override
    public Change.Kind kind() {
      return Change.Kind.SECRET_WRITE;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      BodyReader.string(out, write.path());
      out.writeLong(write.expectedRevision());
      BodyReader.bytes(out, write.metadata());
      out.writeInt(write.upserts().size());
      for (VersionRecord v : write.upserts()) {
        out.writeInt(v.version());
        BodyReader.bytes(out, v.ciphertext());
      }
      out.writeInt(write.removals().size());
      for (int removal : write.removals()) {
        out.writeInt(removal);
      }
    }

    private static SecretWritten read(BodyReader in) {
      String path = in.string();
      long expected = in.int64();
      byte[] metadata = in.bytes();
      int upsertCount = in.count(8);
      List<VersionRecord> upserts = new ArrayList<>(upsertCount);
      for (int i = 0; i < upsertCount; i++) {
        upserts.add(new VersionRecord(path, in.int32(), in.bytes()));
      }
      int removalCount = in.count(4);
      List<Integer> removals = new ArrayList<>(removalCount);
      for (int i = 0; i < removalCount; i++) {
        removals.add(in.int32());
      }
      return new SecretWritten(new SecretWrite(path, expected, metadata, upserts, removals));
    }
  }

  /** A policy inserted or replaced (also a successful {@link SpikeStore#replacePolicy}). */
  record PolicyPut(PolicyRecord policy) implements ChangeBody {
    public PolicyPut {
      Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Change.Kind kind() {
      return Change.Kind.POLICY_PUT;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      BodyReader.string(out, policy.name());
      BodyReader.bytes(out, policy.ciphertext());
    }
  }

  /** A policy that existed, deleted. */
  record PolicyDeleted(String name) implements ChangeBody {
    public PolicyDeleted {
      Checks.key(name, "name");
    }

    @Override
    public Change.Kind kind() {
      return Change.Kind.POLICY_DELETE;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      BodyReader.string(out, name);
    }
  }

  /**
   * System records put and removed in one transaction ({@link SpikeStore#putSystem}, {@link
   * SpikeStore#updateSystem}, {@link SpikeStore#initialize}). Values are copied in and out; {@code
   * toString} shows key ids only.
   */
  record SystemUpdated(Map<SystemKey, byte[]> puts, Set<SystemKey> removals) implements ChangeBody {
    public SystemUpdated {
      puts = SystemValues.copyOf(puts);
      removals = SystemValues.removalsOf(puts, removals);
    }

    /** Copies of the values put. */
    @Override
    public Map<SystemKey, byte[]> puts() {
      return SystemValues.copyOf(puts);
    }

    @Override
    public Set<SystemKey> removals() {
      return EnumSet.copyOf(removals.isEmpty() ? EnumSet.noneOf(SystemKey.class) : removals);
    }

    @Override
    public Change.Kind kind() {
      return Change.Kind.SYSTEM_UPDATE;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeInt(puts.size());
      for (Map.Entry<SystemKey, byte[]> e : puts.entrySet()) {
        BodyReader.string(out, e.getKey().id());
        BodyReader.bytes(out, e.getValue());
      }
      out.writeInt(removals.size());
      for (SystemKey key : removals) {
        BodyReader.string(out, key.id());
      }
    }

    private static SystemUpdated read(BodyReader in) {
      int putCount = in.count(8);
      Map<SystemKey, byte[]> puts = new EnumMap<>(SystemKey.class);
      for (int i = 0; i < putCount; i++) {
        SystemKey key = in.systemKey();
        if (puts.put(key, in.bytes()) != null) {
          throw new IllegalArgumentException("malformed change body: a system key is put twice");
        }
      }
      int removalCount = in.count(4);
      Set<SystemKey> removals = EnumSet.noneOf(SystemKey.class);
      for (int i = 0; i < removalCount; i++) {
        if (!removals.add(in.systemKey())) {
          throw new IllegalArgumentException(
              "malformed change body: a system key is removed twice");
        }
      }
      return new SystemUpdated(puts, removals);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof SystemUpdated other)
          || !removals.equals(other.removals)
          || !puts.keySet().equals(other.puts.keySet())) {
        return false;
      }
      return puts.entrySet().stream()
          .allMatch(e -> Arrays.equals(e.getValue(), other.puts.get(e.getKey())));
    }

    @Override
    public int hashCode() {
      int h = removals.hashCode();
      for (Map.Entry<SystemKey, byte[]> e : puts.entrySet()) {
        h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
      }
      return h;
    }

    @Override
    public String toString() {
      return "SystemUpdated[puts=" + puts.keySet() + ", removals=" + removals + "]";
    }
  }

  /** A {@link SpikeStore#wipe()}. */
  record Wiped() implements ChangeBody {
    @Override
    public Change.Kind kind() {
      return Change.Kind.WIPE;
    }

    @Override
    public void write(DataOutputStream out) {}
  }
}
