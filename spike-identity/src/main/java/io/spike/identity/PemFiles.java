package io.spike.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * PEM encoding and careful file I/O: secrets are written {@code 0600} from the first byte, every
 * file is replaced atomically (temp file, fsync, rename) so a reader never sees half a key, and
 * buffers that held key bytes are zeroed.
 */
final class PemFiles {

  static final String PRIVATE_KEY = "PRIVATE KEY";
  static final String CERTIFICATE = "CERTIFICATE";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_RW =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private PemFiles() {}

  /** PEM text of one block; the caller zeroes the result when it holds a key. */
  static byte[] encode(String type, byte[] der) {
    byte[] body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
    byte[] begin = ("-----BEGIN " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[begin.length + body.length + end.length];
    System.arraycopy(begin, 0, out, 0, begin.length);
    System.arraycopy(body, 0, out, begin.length, body.length);
    System.arraycopy(end, 0, out, begin.length + body.length, end.length);
    Arrays.fill(body, (byte) 0);
    return out;
  }

  static byte[] encodeCertificates(List<X509Certificate> certificates) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (X509Certificate certificate : certificates) {
      try {
        out.writeBytes(encode(CERTIFICATE, certificate.getEncoded()));
      } catch (CertificateException e) {
        throw new IdentityException(
            "cannot encode certificate " + certificate.getSubjectX500Principal(), e);
      }
    }
    return out.toByteArray();
  }

  /** Writes a PKCS#8 private key as PEM, mode {@code 0600}, atomically. */
  static void writePrivateKey(Path file, PrivateKey key) {
    byte[] der = key.getEncoded();
    byte[] pem = encode(PRIVATE_KEY, der);
    try {
      writeAtomically(file, pem, OWNER_RW);
    } finally {
      Arrays.fill(der, (byte) 0);
      Arrays.fill(pem, (byte) 0);
    }
  }

  /** Writes public material (certificates), mode {@code 0644}, atomically. */
  static void writePublic(Path file, byte[] content) {
    writeAtomically(file, content, WORLD_READABLE);
  }

  /** Creates {@code dir} (and parents) with mode {@code 0700} if it does not exist. */
  static void createPrivateDirectory(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return;
      }
      if (POSIX) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        // createDirectories honours the umask; make the leaf exactly 0700.
        Files.setPosixFilePermissions(dir, OWNER_DIR);
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new IdentityException("cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads the whole file; an I/O failure names the path (never the content). */
  static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IdentityException("cannot read " + what + " " + file + ": " + describe(e), e);
    }
  }

  static List<X509Certificate> parseCertificates(byte[] pem, Path source) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pem))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IdentityException("no certificate in " + source);
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IdentityException(
          "cannot parse certificates in " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a PKCS#8 EC key from PEM. Failures name the file only: the cause is dropped because
   * decoder messages can quote key characters.
   */
  static PrivateKey parsePrivateKey(byte[] pem, Path source) {
    byte[] der = null;
    try {
      der = pemBody(pem, PRIVATE_KEY);
      if (der == null) {
        throw new IdentityException(
            "no '-----BEGIN " + PRIVATE_KEY + "-----' block (PKCS#8) in " + source);
      }
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IdentityException("cannot parse the PKCS#8 EC private key in " + source);
    } finally {
      if (der != null) {
        Arrays.fill(der, (byte) 0);
      }
    }
  }

  /** Whether group or others may read {@code file} (false when unknown). */
  static boolean readableByOthers(Path file) {
    if (!POSIX) {
      return false;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return switch (kind) {
      case "NoSuchFileException" -> "no such file";
      case "AccessDeniedException" -> "permission denied";
      default -> e.getMessage() == null ? kind : e.getMessage();
    };
  }

  private static byte[] pemBody(byte[] pem, String type) {
    byte[] begin = ("-----BEGIN " + type + "-----").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("-----END " + type + "-----").getBytes(StandardCharsets.US_ASCII);
    int start = indexOf(pem, begin, 0);
    if (start < 0) {
      return null;
    }
    int bodyStart = start + begin.length;
    int stop = indexOf(pem, end, bodyStart);
    if (stop < 0) {
      return null;
    }
    byte[] body = Arrays.copyOfRange(pem, bodyStart, stop);
    try {
      return Base64.getMimeDecoder().decode(body);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void writeAtomically(Path file, byte[] content, Set<PosixFilePermission> mode) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      FileAttribute<?>[] attrs =
          POSIX
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)}
              : new FileAttribute<?>[0];
      // The temp file is 0600 from birth; it is widened (if at all) only after writing.
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (POSIX) {
        Files.setPosixFilePermissions(temp, mode);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new IdentityException("cannot write " + target + ": " + describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the temp file holds nothing the target would not
        }
      }
    }
  }
}
