package io.spike.pilot.dev;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.StatusResponse;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Asks the local cluster how it is: Nexus's status over mTLS (as the dev superuser, accepting only
 * a Nexus SPIFFE ID), {@code /healthz} and {@code /readyz} on the ops port, whether a keeper's port
 * accepts connections, and whether the embedded PostgreSQL answers a query.
 */
final class Probes implements AutoCloseable {
  private final SvidSource superuser;
  private final NexusClient nexus;

  Probes(DevLayout layout) {
    this.superuser =
        SvidSources.fromFiles(layout.cert("superuser"), layout.key("superuser"), layout.bundle());
    this.nexus =
        new NexusClient(
            new SpikeHttp(
                URI.create(ExportLines.NEXUS_URL),
                TlsContexts.client(
                    superuser, TlsContexts.role(Role.NEXUS, superuser.trustDomain())),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10)));
  }

  /** Nexus's status, or empty while it does not answer. */
  Optional<StatusResponse> status() {
    try {
      return Optional.of(nexus.status());
    } catch (ApiUnreachableException | ApiException e) {
      return Optional.empty();
    }
  }

  /** The HTTP status of {@code GET /<path>} on the ops port, or -1 without an answer. */
  static int ops(String path) {
    HttpClient ops = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + ComponentEnv.OPS_ADDR + "/" + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    try {
      return ops.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Whether the PostgreSQL at {@code jdbcUrl} answers {@code SELECT 1}. */
  static boolean postgresAnswers(String jdbcUrl) {
    Properties props = new Properties();
    props.setProperty("connectTimeout", "2");
    props.setProperty("socketTimeout", "5");
    try (Connection c = new org.postgresql.Driver().connect(jdbcUrl, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      return rs.next();
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Whether something accepts TCP connections on loopback {@code port}. */
  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ComponentEnv.LOOPBACK, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    superuser.close();
  }
}
