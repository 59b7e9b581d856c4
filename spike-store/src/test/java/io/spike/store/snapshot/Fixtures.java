package io.spike.store.snapshot;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.spike.store.PolicyRecord;
import io.spike.store.RecordingVisitor;
import io.spike.store.SecretWrite;
import io.spike.store.SpikeStore;
import io.spike.store.StoreContents;
import io.spike.store.SystemKey;
import io.spike.store.VersionRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test data and an independent reading of the file layout (docs/ARCHITECTURE.md), written from the
 * spec rather than from the production code, so the two check each other.
 */
final class Fixtures {

  static final Instant CREATED = Instant.parse("2026-11-21T22:30:00Z");
  static final byte[] HMAC_KEY =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final byte[] OTHER_KEY =
      HexFormat.of().parseHex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private Fixtures() {}

  static SnapshotOptions signed(String backend) {
    return SnapshotOptions.signed(CREATED, backend, List.of(1, 2), HMAC_KEY);
  }

  static SnapshotOptions unsigned(String backend) {
    return SnapshotOptions.unsigned(CREATED, backend);
  }

  // --- stores ---

  static byte[] randomBytes(Random random, int maxLength) {
    byte[] b = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(b);
    return b;
  }

  /**
   * Seeded random records: every system record, {@code secrets} secrets with up to 5 versions each
   * (gaps, empty values, keys whose UTF-16 and code point orders differ) and a few policies.
   */
  static void populate(SpikeStore store, long seed, int secrets) {
    Random random = new Random(seed);
    Map<SystemKey, byte[]> system = new EnumMap<>(SystemKey.class);
    for (SystemKey key : SystemKey.values()) {
      system.put(key, randomBytes(random, 96));
    }
    system.put(SystemKey.KEY_CHECK, randomBytes(random, 60)); // maybe empty: still a record
    store.putSystem(system);
    List<String> paths = new ArrayList<>(List.of("a/\uE000", "a/\uD83D\uDE00", "é/x"));
    for (int i = 0; paths.size() < secrets; i++) {
      paths.add("app/" + random.nextInt(1000) + "/" + i);
    }
    for (String path : paths.subList(0, secrets)) {
      TreeSet<Integer> numbers = new TreeSet<>();
      int count = 1 + random.nextInt(5);
      while (numbers.size() < count) {
        numbers.add(1 + random.nextInt(12));
      }
      List<VersionRecord> versions = new ArrayList<>();
      for (int n : numbers) {
        versions.add(new VersionRecord(path, n, randomBytes(random, 80)));
      }
      store.writeSecret(new SecretWrite(path, 0, randomBytes(random, 40), versions, List.of()));
    }
    int policies = 1 + random.nextInt(4);
    for (int i = 0; i < policies; i++) {
      store.putPolicy(new PolicyRecord("policy-" + i, randomBytes(random, 64)));
    }
  }

  /** Everything a store holds, read through its ordinary API. */
  static StoreContents contents(SpikeStore store) {
    return StoreContents.of(store);
  }

  static List<Object> exported(SpikeStore store) {
    return RecordingVisitor.exported(store);
  }

  // --- the layout, read independently ---

  /** A byte range of the file, {@code [start, end)}, and the section it belongs to. */
  record Span(String section, int start, int end) {}

  /** A section as found in the file. */
  record Part(int type, String name, byte[] payload, byte[] digest) {}

  record Layout(List<Span> spans, List<Part> parts, byte[] hmac, byte[] fileDigest) {

    /** The section holding byte {@code offset}; past the end, the trailer. */
    String sectionAt(long offset) {
      for (Span span : spans) {
        if (offset >= span.start() && offset < span.end()) {
          return span.section();
        }
      }
      return "trailer";
    }

    Part part(String name) {
      return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    Span span(String name) {
      return spans.stream().filter(s -> s.section().equals(name)).reduce((a, b) -> b).orElseThrow();
    }
  }

  static Layout parse(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file);
    byte[] magic = new byte[8];
    b.get(magic);
    short version = b.getShort();
    if (!new String(magic, US_ASCII).equals("SPIKESNP") || version < 1 || version > 2) {
      throw new AssertionError("bad preamble");
    }
    List<Span> spans = new ArrayList<>(List.of(new Span("header", 0, 10)));
    List<Part> parts = new ArrayList<>();
    while (b.remaining() > 64) {
      int start = b.position();
      int type = b.get() & 0xff;
      byte[] name = new byte[b.get() & 0xff];
      b.get(name);
      byte[] payload = new byte[Math.toIntExact(b.getLong())];
      b.get(payload);
      byte[] digest = new byte[32];
      b.get(digest);
      String label = new String(name, US_ASCII);
      parts.add(new Part(type, label, payload, digest));
      spans.add(new Span(label, start, b.position()));
    }
    byte[] hmac = new byte[32];
    byte[] fileDigest = new byte[32];
    int trailer = b.position();
    b.get(hmac).get(fileDigest);
    spans.add(new Span("trailer", trailer, file.length));
    return new Layout(spans, parts, hmac, fileDigest);
  }

  /**
   * Builds a complete, correctly summed format-2 file from parts (digests recomputed), signed or
   * not.
   */
  static byte[] build(List<Part> parts, byte[] hmacKey) {
    return build(2, parts, hmacKey);
  }

  /**
   * As {@link #build(List, byte[])} in format {@code version}: the trailer covers every byte in
   * format 1, the manifest (every byte but the payloads) in format 2.
   */
  static byte[] build(int version, List<Part> parts, byte[] hmacKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream covered = new ByteArrayOutputStream();
    byte[] preamble = concat("SPIKESNP".getBytes(US_ASCII), new byte[] {0, (byte) version});
    out.writeBytes(preamble);
    covered.writeBytes(preamble);
    for (Part p : parts) {
      byte[] name = p.name().getBytes(US_ASCII);
      byte[] prefix =
          concat(
              new byte[] {(byte) p.type(), (byte) name.length},
              name,
              ByteBuffer.allocate(8).putLong(p.payload().length).array());
      byte[] digest = sha256(p.payload());
      out.writeBytes(concat(prefix, p.payload(), digest));
      covered.writeBytes(
          version == 1 ? concat(prefix, p.payload(), digest) : concat(prefix, digest));
    }
    byte[] hmac = hmacKey == null ? new byte[32] : hmac(hmacKey, covered.toByteArray());
    out.writeBytes(hmac);
    out.writeBytes(sha256(concat(covered.toByteArray(), hmac)));
    return out.toByteArray();
  }

  /**
   * What the trailer of {@code file} covers before its HMAC: every byte in format 1; in format 2
   * the manifest, every byte but the section payloads.
   */
  static byte[] signedBytes(byte[] file) {
    if (file[9] == 1) {
      return Arrays.copyOf(file, file.length - 64);
    }
    ByteArrayOutputStream covered = new ByteArrayOutputStream();
    covered.write(file, 0, 10);
    ByteBuffer b = ByteBuffer.wrap(file, 10, file.length - 10 - 64);
    while (b.hasRemaining()) {
      int start = b.position();
      int nameLength = file[start + 1] & 0xff;
      b.position(start + 2 + nameLength);
      long length = b.getLong();
      covered.write(file, start, 2 + nameLength + 8);
      b.position(Math.toIntExact(b.position() + length));
      covered.write(file, b.position(), 32);
      b.position(b.position() + 32);
    }
    return covered.toByteArray();
  }

  /** The parts of {@code file} with one payload replaced. */
  static List<Part> replacing(byte[] file, String section, byte[] payload) {
    List<Part> parts = new ArrayList<>();
    for (Part p : parse(file).parts()) {
      parts.add(p.name().equals(section) ? new Part(p.type(), p.name(), payload, null) : p);
    }
    return parts;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  // --- record encodings, from the spec ---

  static byte[] key(String key) {
    byte[] k = key.getBytes(UTF_8);
    return ByteBuffer.allocate(2 + k.length).putShort((short) k.length).put(k).array();
  }

  static byte[] value(byte[] value) {
    return ByteBuffer.allocate(4 + value.length).putInt(value.length).put(value).array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] systemRecord(String id, byte[] value) {
    return concat(key(id), value(value));
  }

  static byte[] secretRecord(String path, long revision, byte[] metadata) {
    return concat(key(path), ByteBuffer.allocate(8).putLong(revision).array(), value(metadata));
  }

  static byte[] versionRecord(String path, int version, byte[] ciphertext) {
    return concat(key(path), ByteBuffer.allocate(4).putInt(version).array(), value(ciphertext));
  }

  static byte[] policyRecord(String name, byte[] ciphertext) {
    return concat(key(name), value(ciphertext));
  }
}
