package io.spike.server;

import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import java.nio.file.Path;

/**
 * Test SVIDs from a dev CA, written as PEM files under a test directory (shared in the test-jar).
 */
public final class DevSvids {
  private DevSvids() {}

  /**
   * Issues {@code spiffe://<trustDomain><path>} into {@code dir} and loads it; the caller closes
   * it.
   */
  public static SvidSource issue(DevCa ca, Path dir, String trustDomain, String path) {
    String name = path.replace('/', '_');
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    ca.issue(SpiffeId.of(trustDomain, path), cert, key);
    return SvidSources.fromFiles(cert, key, ca.bundle());
  }
}
