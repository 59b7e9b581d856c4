package io.spike.pilot.dev;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The four lines {@code dev env}, {@code dev issue} and {@code dev up} print: {@code export
 * SPIKE_SVID_CERT=...}, {@code SPIKE_SVID_KEY}, {@code SPIKE_TRUST_BUNDLE} (absolute paths) and
 * {@code SPIKE_NEXUS_API_URL}, each value shell-quoted when it needs to be, so {@code eval "$(spike
 * dev env)"} is safe.
 */
final class ExportLines {
  static final String NEXUS_URL = "https://localhost:8553";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private ExportLines() {}

  static String of(Path cert, Path key, Path bundle) {
    return "export SPIKE_SVID_CERT="
        + quote(cert.toAbsolutePath().toString())
        + "\n"
        + "export SPIKE_SVID_KEY="
        + quote(key.toAbsolutePath().toString())
        + "\n"
        + "export SPIKE_TRUST_BUNDLE="
        + quote(bundle.toAbsolutePath().toString())
        + "\n"
        + "export SPIKE_NEXUS_API_URL="
        + NEXUS_URL
        + "\n";
  }

  /** The identity {@code name}'s exports in {@code layout}. */
  static String of(DevLayout layout, String name) {
    return of(layout.cert(name), layout.key(name), layout.bundle());
  }

  /**
   * {@code value} as is when it is plain, else in single quotes ({@code '} written as {@code
   * '\''}).
   */
  static String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
