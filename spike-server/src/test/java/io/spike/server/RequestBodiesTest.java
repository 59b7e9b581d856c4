package io.spike.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answering before a request's body has arrived, over real mTLS: with {@link RequestBodies#finish}
 * the connection carries the next request; without it (the control) Jetty drops the connection
 * after a response that said keep-alive.
 */
class RequestBodiesTest {
  private static final String TD = "spike.ist";
  private static final long DRAIN_LIMIT = 64 * 1024;
  private static final byte[] BODY = "{\"late\":true}".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  private static SvidSource serverSvid;
  private static SvidSource clientSvid;

  @BeforeAll
  static void issue() {
    DevCa ca = DevCa.create(dir.resolve("ca"), TD);
    ca.issue(SpiffeId.of(TD, Role.NEXUS.path()), dir.resolve("s.crt"), dir.resolve("s.key"));
    ca.issue(SpiffeId.of(TD, Role.SUPERUSER.path()), dir.resolve("c.crt"), dir.resolve("c.key"));
    serverSvid = SvidSources.fromFiles(dir.resolve("s.crt"), dir.resolve("s.key"), ca.bundle());
    clientSvid = SvidSources.fromFiles(dir.resolve("c.crt"), dir.resolve("c.key"), ca.bundle());
  }

  @AfterAll
  static void close() {
    serverSvid.close();
    clientSvid.close();
  }

  /** Answers 404 at once, reading nothing first unless {@code finish}. */
  private static Server server(boolean finish) throws Exception {
    Server server =
        TestTlsServers.on(
            TlsContexts.server(serverSvid),
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback) {
                boolean keepAlive = !finish || RequestBodies.finish(request, DRAIN_LIMIT);
                response.setStatus(404);
                if (!keepAlive) {
                  response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                response.write(
                    true, ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
              }
            });
    server.start();
    return server;
  }

  private static SSLContext clientTls() {
    return TlsContexts.client(clientSvid, TlsContexts.role(Role.NEXUS, TD));
  }

  /** Runs {@code check} against a fresh {@link #server}, stopped afterwards. */
  private static void onServer(boolean finish, ServerCheck check) throws Exception {
    Server server = server(finish);
    try {
      check.run(server);
    } finally {
      server.stop();
    }
  }

  /** Runs {@code check} on one connection to a fresh {@link #server} that finishes bodies. */
  private static void onConnection(ConnectionCheck check) throws Exception {
    onServer(
        true,
        server -> {
          try (RawHttpsConnection connection = connect(server)) {
            check.run(connection);
          }
        });
  }

  private static RawHttpsConnection connect(Server server) throws Exception {
    return new RawHttpsConnection(clientTls(), JettyServers.port(server));
  }

  /** The 404 that also closes the connection. */
  private static void assertClosing404(RawHttpsConnection.Response answer) {
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.headers().get("connection")).isEqualTo("close");
  }

  /** A check against a running server. */
  private interface ServerCheck {
    void run(Server server) throws Exception;
  }

  /** A check on an open connection. */
  private interface ConnectionCheck {
    void run(RawHttpsConnection connection) throws Exception;
  }

  /** Headers, a pause, the body; then the answer and whether a second request gets one too. */
  private static RawHttpsConnection.Response lateBodyThenReuse(Server server) throws Exception {
    try (RawHttpsConnection connection = connect(server)) {
      connection.postHeaders("/anything", BODY.length);
      Thread.sleep(200);
      connection.write(BODY);
      RawHttpsConnection.Response first = connection.read();
      assertThat(first.status()).isEqualTo(404);
      assertThat(first.headers()).doesNotContainKey("connection");
      return connection.post("/again", BODY);
    }
  }

  @Test
  void finished_lateBody_keepsTheConnection() throws Exception {
    onServer(true, server -> assertThat(lateBodyThenReuse(server).status()).isEqualTo(404));
  }

  /** The control: what the bare benchmark endpoint and early Nexus errors used to do. */
  @Test
  void unfinished_lateBody_connectionDroppedAfterAKeepAliveAnswer() throws Exception {
    onServer(
        false,
        server ->
            assertThatThrownBy(() -> lateBodyThenReuse(server)).isInstanceOf(IOException.class));
  }

  @Test
  void declaredOverTheDrainLimit_isNotRead_andTheAnswerCloses() throws Exception {
    onConnection(
        connection -> {
          connection.postHeaders("/big", (int) DRAIN_LIMIT + 1);
          assertClosing404(connection.read());
        });
  }

  @Test
  void streamedOverTheDrainLimit_stopsReading_andTheAnswerCloses() throws Exception {
    onConnection(
        connection -> {
          connection.write(
              ("POST /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[16 * 1024];
          for (int i = 0; i < 5; i++) {
            connection.write(("4000\r\n").getBytes(StandardCharsets.US_ASCII));
            connection.write(chunk);
            connection.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          assertClosing404(connection.read());
        });
  }
}
