package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spiffe.bundle.jwtbundle.JwtBundleSet;
import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.bundle.x509bundle.X509BundleSet;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.jwtsvid.JwtSvid;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.Watcher;
import io.spiffe.workloadapi.WorkloadApiClient;
import io.spiffe.workloadapi.X509Context;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Workload API path: against an in-process fake {@link WorkloadApiClient} (java-spiffe's {@link
 * DefaultX509Source} consumes its updates as it would an agent's stream), and end to end against
 * {@link FakeSpireAgent}, a gRPC Workload API server on a UNIX socket.
 */
class WorkloadSvidSourceTest {

  private static final SpiffeId NEXUS = SpiffeId.parse("spiffe://spike.ist/spike/nexus");
  private static final SpiffeId NEXUS_2 = SpiffeId.parse("spiffe://spike.ist/spike/nexus/2");

  @TempDir Path tmp;

  private DevCa ca;
  private FakeWorkloadApi api;

  @BeforeEach
  void setUp() throws Exception {
    ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    api = new FakeWorkloadApi(context(NEXUS, "first"));
  }

  @Test
  void connect_deliversTheAgentsSvid() {
    try (WorkloadSvidSource source = connect()) {
      assertThat(source.id()).isEqualTo(NEXUS);
      assertThat(source.trustDomain()).isEqualTo("spike.ist");
      assertThat(source.x509Source().getX509Svid().getSpiffeId().toString())
          .isEqualTo(NEXUS.toString());
    }
  }

  @Test
  void rotation_byTheAgent_isServedAtOnce() throws Exception {
    try (WorkloadSvidSource source = connect()) {
      api.push(context(NEXUS_2, "second"));

      assertThat(source.id()).isEqualTo(NEXUS_2);
    }
  }

  @Test
  void tlsServerContext_presentsTheWorkloadApiSvid() throws Exception {
    ca.issue(Role.SUPERUSER.id("spike.ist"), tmp.resolve("pilot.crt"), tmp.resolve("pilot.key"));
    try (WorkloadSvidSource server = connect();
        SvidSource pilot =
            SvidSources.fromFiles(
                tmp.resolve("pilot.crt"), tmp.resolve("pilot.key"), ca.bundle())) {
      SSLContext serverContext = TlsContexts.server(server);
      SSLContext clientContext =
          TlsContexts.client(pilot, TlsContexts.role(Role.NEXUS, "spike.ist"));
      try (SSLServerSocket listener =
          (SSLServerSocket)
              serverContext
                  .getServerSocketFactory()
                  .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
        Thread accept =
            new Thread(
                () -> {
                  try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                  } catch (Exception ignored) {
                    // the client's assertion reports failures
                  }
                });
        accept.start();
        try (SSLSocket socket =
            (SSLSocket)
                clientContext
                    .getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
          socket.setSoTimeout(5000);
          String line =
              new BufferedReader(
                      new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                  .readLine();
          assertThat(line).isEqualTo("ok");
          assertThat(PeerIdentity.fromSession(socket.getSession())).contains(NEXUS);
        }
        accept.join(5000);
      }
    }
  }

  @Test
  void fromEnvironment_overARealWorkloadApiSocket_getsAndRotatesTheSvid() throws Exception {
    Path socket = tmp.resolve("agent.sock");
    try (FakeSpireAgent agent = new FakeSpireAgent(socket, ca, tmp, NEXUS);
        SvidSource source =
            SvidSources.fromEnvironment(
                Map.of("SPIFFE_ENDPOINT_SOCKET", "unix://" + socket)::get)) {
      assertThat(source).isInstanceOf(WorkloadSvidSource.class);
      assertThat(source.id()).isEqualTo(NEXUS);
      assertThat(source.trustDomain()).isEqualTo("spike.ist");

      agent.rotate(NEXUS_2);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!source.id().equals(NEXUS_2) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(source.id()).isEqualTo(NEXUS_2);
    }
  }

  @Test
  void connect_noAgentListening_timesOutWithAHint() {
    String address = "unix://" + tmp.resolve("no-agent.sock");

    assertThatThrownBy(() -> WorkloadSvidSource.connect(address, Duration.ofSeconds(1)))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining(address)
        .hasMessageContaining("within 1s");
  }

  @Test
  void close_closesTheClient() {
    WorkloadSvidSource source = connect();

    source.close();

    assertThat(api.closed).isTrue();
    assertThatThrownBy(() -> source.x509Source().getX509Svid())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void noUpdateInTime_failsWithAHint() {
    FakeWorkloadApi silent = new FakeWorkloadApi(null);
    DefaultX509Source.X509SourceOptions options =
        DefaultX509Source.X509SourceOptions.builder()
            .workloadApiClient(silent)
            .initTimeout(Duration.ofSeconds(1))
            .build();

    assertThatThrownBy(() -> WorkloadSvidSource.connect(options, "unix:///tmp/agent.sock"))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("unix:///tmp/agent.sock")
        .hasMessageContaining("SPIRE agent");
  }

  @Test
  void fromWorkloadApi_invalidAddress_namesIt() {
    assertThatThrownBy(() -> SvidSources.fromWorkloadApi("ftp://agent"))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("ftp://agent");
  }

  private WorkloadSvidSource connect() {
    DefaultX509Source.X509SourceOptions options =
        DefaultX509Source.X509SourceOptions.builder()
            .workloadApiClient(api)
            .initTimeout(Duration.ofSeconds(5))
            .build();
    return WorkloadSvidSource.connect(options, "fake");
  }

  private X509Context context(SpiffeId id, String name) throws Exception {
    Svid svid = ca.issue(id, tmp.resolve(name + ".crt"), tmp.resolve(name + ".key"));
    X509Svid x509 = X509Svid.load(svid.cert(), svid.key());
    X509Bundle bundle = X509Bundle.load(TrustDomain.parse("spike.ist"), ca.bundle());
    return X509Context.of(List.of(x509), X509BundleSet.of(List.of(bundle)));
  }

  /** Streams X.509 contexts like an agent would; everything else is unsupported. */
  private static final class FakeWorkloadApi implements WorkloadApiClient {
    private final X509Context initial;
    private volatile Watcher<X509Context> watcher;
    volatile boolean closed;

    FakeWorkloadApi(X509Context initial) {
      this.initial = initial;
    }

    void push(X509Context context) {
      watcher.onUpdate(context);
    }

    @Override
    public X509Context fetchX509Context() {
      return initial;
    }

    @Override
    public void watchX509Context(Watcher<X509Context> watcher) {
      this.watcher = watcher;
      if (initial != null) {
        watcher.onUpdate(initial);
      }
    }

    @Override
    public X509BundleSet fetchX509Bundles() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void watchX509Bundles(Watcher<X509BundleSet> watcher) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JwtSvid fetchJwtSvid(String audience, String... extraAudience) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JwtSvid fetchJwtSvid(
        io.spiffe.spiffeid.SpiffeId subject, String audience, String... extraAudience) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<JwtSvid> fetchJwtSvids(String audience, String... extraAudience) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<JwtSvid> fetchJwtSvids(
        io.spiffe.spiffeid.SpiffeId subject, String audience, String... extraAudience) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JwtBundleSet fetchJwtBundles() {
      throw new UnsupportedOperationException();
    }

    @Override
    public JwtSvid validateJwtSvid(String token, String audience) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void watchJwtBundles(Watcher<JwtBundleSet> watcher) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
