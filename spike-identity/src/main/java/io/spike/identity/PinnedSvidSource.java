package io.spike.identity;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's view of its {@link SvidSource}: rotations of the SVID for the same SPIFFE ID are
 * served at once, but an SVID for another ID is not adopted.
 *
 * <p>A server's SPIFFE ID is its role (Nexus, keeper N): peers decide what it may do by that ID,
 * and the operator chose it at start. If the agent (or a file writer) later hands out an SVID for
 * another ID, say {@code /spike/other}, adopting it would silently change the server's role, or
 * strip it of one. So this source keeps serving the last SVID it had for the pinned ID, logs one
 * warning per offered certificate, and adopts rotations again as soon as the pinned ID comes back.
 * The kept SVID still expires: when it does, handshakes fail (closed), and a restart is what
 * changes a server's identity.
 */
final class PinnedSvidSource implements SvidSource, X509Source {

  private static final Logger LOG = LoggerFactory.getLogger(PinnedSvidSource.class);

  private final SvidSource delegate;
  private final SpiffeId pinned;
  private volatile X509Svid lastGood;
  private volatile BigInteger warnedSerial;

  PinnedSvidSource(SvidSource delegate) {
    this.delegate = delegate;
    this.lastGood = delegate.x509Source().getX509Svid();
    this.pinned = SpiffeId.parse(lastGood.getSpiffeId().toString());
  }

  @Override
  public X509Svid getX509Svid() {
    X509Svid offered = delegate.x509Source().getX509Svid();
    if (offered.getSpiffeId().toString().equals(pinned.toString())) {
      lastGood = offered;
      return offered;
    }
    BigInteger serial = offered.getLeaf().getSerialNumber();
    if (!serial.equals(warnedSerial)) {
      warnedSerial = serial;
      LOG.warn(
          "The SVID source now offers {}, but this process runs as {}; keeping the last SVID"
              + " for {} (valid until {}). Restart to change identity.",
          offered.getSpiffeId(),
          pinned,
          pinned,
          lastGood.getLeaf().getNotAfter().toInstant());
    }
    return lastGood;
  }

  @Override
  public X509Bundle getBundleForTrustDomain(TrustDomain trustDomain)
      throws BundleNotFoundException {
    return delegate.x509Source().getBundleForTrustDomain(trustDomain);
  }

  @Override
  public X509Source x509Source() {
    return this;
  }

  @Override
  public SpiffeId id() {
    return pinned;
  }

  @Override
  public String trustDomain() {
    return pinned.trustDomain();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "PinnedSvidSource[" + pinned + ", " + delegate + "]";
  }
}
