package io.spike.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Everything a store holds, read through its ordinary API (not through export), for comparing two
 * stores or a store before and after: system records as hex.
 */
public record StoreContents(
    List<SecretRecord> secrets,
    List<VersionRecord> versions,
    List<PolicyRecord> policies,
    Map<SystemKey, String> system) {

  /** Reads every record of {@code store}. */
  public static StoreContents of(SpikeStore store) {
    List<SecretRecord> secrets = new ArrayList<>();
    List<VersionRecord> versions = new ArrayList<>();
    for (String path : store.secretPaths()) {
      secrets.add(store.secret(path).orElseThrow());
      versions.addAll(store.versions(path));
    }
    Map<SystemKey, String> system = new EnumMap<>(SystemKey.class);
    for (SystemKey key : SystemKey.values()) {
      store.system(key).ifPresent(v -> system.put(key, HexFormat.of().formatHex(v)));
    }
    return new StoreContents(secrets, versions, store.policies(), system);
  }
}
