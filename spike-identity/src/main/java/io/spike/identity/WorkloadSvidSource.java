package io.spike.identity;

import io.spiffe.exception.SocketEndpointAddressException;
import io.spiffe.exception.X509SourceException;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.X509Source;
import io.spike.config.Settings;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SVIDs and bundles streamed from the SPIFFE Workload API (a SPIRE agent) by java-spiffe's {@link
 * DefaultX509Source}, which keeps them current as the agent rotates them.
 */
final class WorkloadSvidSource implements SvidSource {

  static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadSvidSource.class);

  private final X509Source source;
  private final String trustDomain;

  WorkloadSvidSource(X509Source source) {
    this.source = source;
    this.trustDomain = source.getX509Svid().getSpiffeId().getTrustDomain().getName();
  }

  /**
   * Connects to the Workload API at {@code socket} and waits for the first SVID.
   *
   * @throws IdentityException when the address is invalid or no SVID arrives in time
   */
  static WorkloadSvidSource connect(String socket, Duration initTimeout) {
    DefaultX509Source.X509SourceOptions options =
        DefaultX509Source.X509SourceOptions.builder()
            .spiffeSocketPath(socket)
            .initTimeout(initTimeout)
            .build();
    return connect(options, socket);
  }

  /** Builds the source from explicit options (e.g. a given {@code WorkloadApiClient}). */
  static WorkloadSvidSource connect(DefaultX509Source.X509SourceOptions options, String where) {
    try {
      WorkloadSvidSource source = new WorkloadSvidSource(DefaultX509Source.newSource(options));
      LOG.info("Got SVID {} from the Workload API at {}", source.id(), where);
      return source;
    } catch (SocketEndpointAddressException e) {
      throw new IdentityException(
          Settings.ENDPOINT_SOCKET.name()
              + "="
              + where
              + " is not a valid Workload API address (use unix:///path/to/agent.sock): "
              + e.getMessage(),
          e);
    } catch (X509SourceException e) {
      throw new IdentityException(
          "no X.509-SVID from the Workload API at "
              + where
              + " within "
              + options.getInitTimeout().toSeconds()
              + "s; is the SPIRE agent running and this workload registered?",
          e);
    }
  }

  @Override
  public X509Source x509Source() {
    return source;
  }

  @Override
  public SpiffeId id() {
    return SpiffeId.parse(source.getX509Svid().getSpiffeId().toString());
  }

  @Override
  public String trustDomain() {
    return trustDomain;
  }

  @Override
  public void close() {
    try {
      source.close();
    } catch (IOException e) {
      LOG.warn("Closing the Workload API source failed: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "WorkloadSvidSource[trustDomain=" + trustDomain + "]";
  }
}
