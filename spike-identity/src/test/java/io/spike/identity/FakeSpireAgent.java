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
 * would.
 */
final class FakeSpireAgent implements AutoCloseable {

  private final DevCa ca;
  private final Path scratch;
  private final Server server;
  private final EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
  private final EpollEventLoopGroup workers = new EpollEventLoopGroup(2);
  private final List<StreamObserver<Workload.X509SVIDResponse>> watchers =
      new CopyOnWriteArrayList<>();
  private volatile Workload.X509SVIDResponse current;

  FakeSpireAgent(Path socket, DevCa ca, Path scratch, SpiffeId first) throws IOException {
    this.ca = ca;
    this.scratch = scratch;
    this.current = response(first);
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

  /** Rotates: streams a new SVID to every connected workload. */
  void rotate(SpiffeId id) throws IOException {
    current = response(id);
    for (StreamObserver<Workload.X509SVIDResponse> watcher : watchers) {
      watcher.onNext(current);
    }
  }

  private Workload.X509SVIDResponse response(SpiffeId id) throws IOException {
    String name = "agent-" + System.nanoTime();
    Svid svid = ca.issue(id, scratch.resolve(name + ".crt"), scratch.resolve(name + ".key"));
    X509Certificate leaf =
        PemFiles.parseCertificates(Files.readAllBytes(svid.cert()), svid.cert()).get(0);
    PrivateKey key = PemFiles.parsePrivateKey(Files.readAllBytes(svid.key()), svid.key());
    try {
      return Workload.X509SVIDResponse.newBuilder()
          .addSvids(
              Workload.X509SVID
                  .newBuilder()
                  .setSpiffeId(id.toString())
                  .setX509Svid(ByteString.copyFrom(leaf.getEncoded()))
                  .setX509SvidKey(ByteString.copyFrom(key.getEncoded()))
                  .setBundle(ByteString.copyFrom(ca.certificate().getEncoded())))
          .build();
    } catch (CertificateEncodingException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
