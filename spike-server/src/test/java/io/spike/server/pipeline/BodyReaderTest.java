package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.SvidSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyReaderTest {
  private static final int LIMIT = 1000;
  @TempDir static Path dir;
  private static TestServer server;
  private static SvidSource caller;

  @BeforeAll
  static void start() throws Exception {
    BodyReader json = BodyReader.json(LIMIT);
    BodyReader upload = BodyReader.upload(4 * LIMIT);
    server =
        new TestServer(
            dir,
            new StageHandler(
                request -> {
                  if (request.getHttpURI().getPath().equals("/upload")) {
                    try {
                      return "copied " + upload.copy(request, new ByteArrayOutputStream());
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }
                  return "read " + json.read(request).length;
                }));
    caller = server.svid("/apps/caller");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void read_upToTheLimit_overIs413_declaredOrStreamed() throws Exception {
    assertThat(server.post(caller, "/json", "x".repeat(LIMIT)).body()).isEqualTo("read " + LIMIT);
    assertThat(server.post(caller, "/json", "x".repeat(LIMIT + 1)).statusCode()).isEqualTo(413);
    byte[] big = new byte[3 * LIMIT];
    assertThat(
            server
                .postBytes(
                    caller,
                    "/json",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .statusCode())
        .isEqualTo(413);
  }

  @Test
  void copy_hasItsOwnLimit() throws Exception {
    byte[] body = new byte[3 * LIMIT];
    assertThat(
            new String(
                server
                    .postBytes(caller, "/upload", HttpRequest.BodyPublishers.ofByteArray(body))
                    .body(),
                StandardCharsets.UTF_8))
        .isEqualTo("copied " + body.length);
    byte[] big = new byte[5 * LIMIT];
    assertThat(
            server
                .postBytes(
                    caller,
                    "/upload",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .statusCode())
        .isEqualTo(413);
  }
}
