package io.spike.pilot.cli;

import io.spike.config.Environment;
import io.spike.config.Settings;
import java.net.URI;
import java.util.Map;

/** Where Nexus is: {@code SPIKE_NEXUS_API_URL}, default {@code https://localhost:8553}. */
public final class NexusAddress {
  /** The URL used when the variable is not set. */
  public static final String DEFAULT =
      Settings.NEXUS_API_URL.defaultValue().orElseThrow().toString();

  private NexusAddress() {}

  /** The URL from {@code env}; a malformed one is a {@link io.spike.config.SettingException}. */
  public static URI from(Map<String, String> env) {
    return Environment.of(env).get(Settings.NEXUS_API_URL);
  }
}
