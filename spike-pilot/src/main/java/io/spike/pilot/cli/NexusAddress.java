package io.spike.pilot.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Where Nexus is: {@code SPIKE_NEXUS_API_URL}, default {@code https://localhost:8553}. */
public final class NexusAddress {
  /** The variable naming the Nexus base URL. */
  public static final String ENV = "SPIKE_NEXUS_API_URL";

  /** The URL used when the variable is not set. */
  public static final String DEFAULT = "https://localhost:8553";

  private NexusAddress() {}

  /** The URL from {@code env}; a malformed one is a {@link UsageException}. */
  public static URI from(Map<String, String> env) {
    String text = env.getOrDefault(ENV, "");
    return parse(text.isBlank() ? DEFAULT : text.trim(), ENV);
  }

  /**
   * Parses an {@code https://host[:port]} URL; {@code source} names where it came from in the
   * message.
   */
  public static URI parse(String text, String source) {
    try {
      URI uri = new URI(text);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new UsageException(
            source + " must be an https URL such as " + DEFAULT + ", not '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(source + " is not a URL: '" + text + "'; write e.g. " + DEFAULT);
    }
  }
}
