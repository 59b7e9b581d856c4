package io.spike.server.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw body of an upload route: a route whose {@link Route#requestType()} is {@code
 * Upload.class} gets this instead of decoded JSON, and the API's JSON size limit does not apply to
 * it.
 *
 * <p>Nothing is read until the route calls {@link #receive}, which happens after the caller, the
 * seal state and the guard have passed: a caller who may not use the route never makes Nexus write
 * a byte to disk. {@link #receive} streams the body into a new temporary file (mode 0600, in {@code
 * java.io.tmpdir}), refusing more than the route's limit with 413; {@link Pipeline} deletes the
 * file as soon as the route returns, whatever happened.
 *
 * <p>One request thread uses an upload; it is not thread-safe.
 */
public final class Upload {
  private static final Logger LOG = LoggerFactory.getLogger(Upload.class);

  private final Request request;
  private Path file;

  Upload(Request request) {
    this.request = request;
  }

  /**
   * Receives the whole body into a temporary file and returns it; call once.
   *
   * @throws ApiRefusal 413 when the body (declared or streamed) is over {@code maxBytes}, 400 when
   *     it cannot be read
   * @throws UncheckedIOException when the temporary file cannot be written (a 500)
   */
  public Path receive(long maxBytes) {
    if (file != null) {
      throw new IllegalStateException("the upload was already received");
    }
    try {
      file = createPrivateTempFile();
      try (OutputStream out =
          Files.newOutputStream(
              file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        BodyReader.upload(maxBytes).copy(request, out);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the uploaded body in a temporary file", e);
    }
  }

  /** Deletes the temporary file, if any. */
  void discard() {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete the temporary upload {}: {}", file, e.getMessage());
    }
    file = null;
  }

  private static Path createPrivateTempFile() throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(
          "spike-upload-",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile("spike-upload-", ".tmp");
  }

  @Override
  public String toString() {
    return "Upload[" + (file == null ? "not received" : "received") + "]";
  }
}
