package io.spike.pilot.dev;

import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dev CA and one SVID per identity of the cluster: {@code nexus}, {@code keeper-1..N} ({@code
 * spiffe://<td>/spike/keeper/N}), {@code bootstrap}, {@code superuser}, {@code recover} and {@code
 * restore}. Existing files are kept: a second {@code dev up} reuses the CA and the SVIDs it finds.
 */
final class DevPki {
  private DevPki() {}

  /** The SPIFFE ID of every identity file name of {@code shape}, in a stable order. */
  static Map<String, SpiffeId> identities(ClusterShape shape) {
    String td = shape.trustDomain();
    Map<String, SpiffeId> ids = new LinkedHashMap<>();
    ids.put("nexus", Role.NEXUS.id(td));
    for (int n = 1; n <= shape.keepers(); n++) {
      ids.put("keeper-" + n, SpiffeId.of(td, Role.KEEPER.path() + "/" + n));
    }
    ids.put("bootstrap", Role.BOOTSTRAP.id(td));
    ids.put("superuser", Role.SUPERUSER.id(td));
    ids.put("recover", Role.RECOVER.id(td));
    ids.put("restore", Role.RESTORE.id(td));
    return ids;
  }

  /** Creates or loads the CA, then issues every SVID whose certificate or key file is missing. */
  static DevCa ensure(DevLayout layout, ClusterShape shape) {
    DevCa ca = DevCa.loadOrCreate(layout.ca(), shape.trustDomain());
    identities(shape)
        .forEach(
            (name, id) -> {
              if (!Files.isRegularFile(layout.cert(name))
                  || !Files.isRegularFile(layout.key(name))) {
                ca.issue(id, layout.cert(name), layout.key(name));
              }
            });
    return ca;
  }
}
