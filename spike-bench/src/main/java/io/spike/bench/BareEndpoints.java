package io.spike.bench;

import io.spike.server.JettyServers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The two ceilings: a Jetty 12 mTLS server built exactly as Nexus builds its API server ({@link
 * JettyServers#tls}, same TLS context) whose one handler answers every request with fixed bytes (a
 * real get response) once it has read the request body, and a SQLite insert-and-commit loop on the
 * settings of the store (WAL, {@code synchronous=FULL}, one writer connection behind a lock, {@code
 * BEGIN IMMEDIATE}).
 */
final class BareEndpoints {
  private BareEndpoints() {}

  /** A started bare mTLS endpoint; the caller stops it. */
  static Server jetty(SSLContext serverTls, byte[] body) {
    Server server =
        JettyServers.tls(
            "127.0.0.1",
            0,
            serverTls,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback) {
                // Read the request body first, as any real endpoint must: a reply sent before the
                // body
                // arrived leaves Jetty unable to reuse the connection, and it drops it after a
                // response
                // that said keep-alive, so the client's next request fails with "header parser
                // received
                // no bytes" (about 1 call in 3,000 before this was done).
                Content.Source.consumeAll(
                    request,
                    Callback.from(
                        () -> {
                          response.setStatus(200);
                          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                          response.write(true, ByteBuffer.wrap(body), callback);
                        },
                        callback::failed));
                return true;
              }
            });
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the bare endpoint", e);
    }
    return server;
  }

  /** One serialized writer on a SQLite file in WAL mode with {@code synchronous=FULL}. */
  static final class CommitLoop implements AutoCloseable {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    CommitLoop(Path file) throws SQLException {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("CREATE TABLE IF NOT EXISTS rows (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
      }
    }

    /** One transaction: {@code BEGIN IMMEDIATE}, upsert one row, {@code COMMIT}. */
    void insert(String key, byte[] value) throws SQLException {
      lock.lock();
      try (Statement s = connection.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        try (PreparedStatement p =
            connection.prepareStatement("INSERT OR REPLACE INTO rows (k, v) VALUES (?, ?)")) {
          p.setString(1, key);
          p.setBytes(2, value);
          p.executeUpdate();
        }
        s.execute("COMMIT");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
