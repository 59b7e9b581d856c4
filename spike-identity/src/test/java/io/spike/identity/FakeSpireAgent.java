package io.spike.identity;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A SPIFFE Workload API server on a UNIX domain socket (gRPC over the same shaded Netty epoll
 * transport java-spiffe's client uses), streaming X.509-SVIDs issued by a dev CA, as a SPIRE agent
 * would. One agent serves one workload (one SPIFFE ID at a time). Shared with the server modules'
 * tests through this module's test jar.
 */
public final class FakeSpireAgent implements AutoCloseable {

  private final Path scratch;
  private volatile DevCa ca;
  private volatile List<X509Certificate> bundle;
  private volatile SpiffeId id;
  private final Server server;
  private final EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
  private final EpollEventLoopGroup workers = new EpollEventLoopGroup(2);
  private final List<StreamObserver<Workload.X509SVIDResponse>> watchers =
      new CopyOnWriteArrayList<>();
  private volatile Workload.X509SVIDResponse current;

  /**
   * Serves an SVID for {@code first}, signed by {@code ca}, with {@code ca} as the bundle, on the
   * UNIX socket {@code socket} (its address is {@code unix://} plus the path); issued files go to
   * {@code scratch}.
   */
  public FakeSpireAgent(Path socket, DevCa ca, Path scratch, SpiffeId first) throws IOException {
    this.ca = ca;
    this.bundle = List.of(ca.certificate());
    this.scratch = scratch;
    this.id = first;
    this.current = issue(first);
    this.server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers)
            .addService(
                new SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase() {
                  @Override
                  public void fetchX509SVID(
                      Workload.X509SVIDRequest request,
                      StreamObserver<Workload.X509SVIDResponse> observer) {
                    watchers.add(observer);
                    observer.onNext(current);
                  }
                })
            .build()
            .start();
  }

  /** Rotates: streams a new SVID for {@code id} (new key, new serial) to every workload. */
  public void rotate(SpiffeId id) throws IOException {
    this.id = id;
    publish(issue(id));
  }

  /**
   * Rotates to SVIDs signed by {@code signer} (same ID, new key) and publishes {@code bundle} as
   * the trust domain's CAs: a CA rollover as SPIRE does it when the new CA is listed in the bundle
   * before the old one leaves it.
   */
  public void rotate(DevCa signer, List<DevCa> bundle) throws IOException {
    this.ca = signer;
    this.bundle = bundle.stream().map(DevCa::certificate).toList();
    rotate(id);
  }

  /** Publishes {@code bundle} as the trust domain's CAs, keeping the current SVID. */
  public void rebundle(List<DevCa> bundle) throws IOException {
    this.bundle = bundle.stream().map(DevCa::certificate).toList();
    Workload.X509SVID svid = current.getSvids(0);
    publish(response(svid.getX509Svid(), svid.getX509SvidKey()));
  }

  private void publish(Workload.X509SVIDResponse next) {
    current = next;
    for (StreamObserver<Workload.X509SVIDResponse> watcher : watchers) {
      watcher.onNext(next);
    }
  }

  private Workload.X509SVIDResponse issue(SpiffeId id) throws IOException {
    String name = "agent-" + System.nanoTime();
    Svid svid = ca.issue(id, scratch.resolve(name + ".crt"), scratch.resolve(name + ".key"));
    X509Certificate leaf =
        PemFiles.parseCertificates(Files.readAllBytes(svid.cert()), svid.cert()).get(0);
    PrivateKey key = PemFiles.parsePrivateKey(Files.readAllBytes(svid.key()), svid.key());
    try {
      return response(
          ByteString.copyFrom(leaf.getEncoded()), ByteString.copyFrom(key.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
  }

  private Workload.X509SVIDResponse response(ByteString leaf, ByteString key) throws IOException {
    ByteString.Output bundleDer = ByteString.newOutput();
    try {
      for (X509Certificate authority : bundle) {
        bundleDer.write(authority.getEncoded());
      }
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
    return Workload.X509SVIDResponse.newBuilder()
        .addSvids(
            Workload.X509SVID
                .newBuilder()
                .setSpiffeId(id.toString())
                .setX509Svid(leaf)
                .setX509SvidKey(key)
                .setBundle(bundleDer.toByteString()))
        .build();
  }

  /** Stops serving; connected workloads keep their last SVID. */
  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
