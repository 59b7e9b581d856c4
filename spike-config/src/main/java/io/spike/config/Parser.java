package io.spike.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a variable's text (trimmed, never blank) into a typed value and back.
 *
 * @param expected the accepted form, as messages and the reference show it (e.g. {@code a port
 *     number 0..65535})
 * @param read parses; throws {@link IllegalArgumentException} whose message is the problem (e.g.
 *     {@code is not a whole number}), never the value
 * @param write the inverse of {@code read}: what a launcher puts in a child's environment
 * @param <T> the value type
 */
public record Parser<T>(String expected, Function<String, T> read, Function<T, String> write) {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]+");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public Parser {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(write, "write");
  }

  /** Any text. */
  public static Parser<String> text(String expected) {
    return new Parser<>(expected, s -> s, s -> s);
  }

  /** {@code 1} is true; anything else is false (never fails). */
  public static Parser<Boolean> flag() {
    return new Parser<>("1 to turn it on", "1"::equals, b -> b ? "1" : "0");
  }

  /** A whole number in {@code min..max}. */
  public static Parser<Integer> integer(int min, int max) {
    return new Parser<>(
        wholeNumber(min, max), s -> (int) inRange(parseLong(s), min, max), String::valueOf);
  }

  /** A whole number in {@code min..max}. */
  public static Parser<Long> longInteger(long min, long max) {
    return new Parser<>(
        "a whole number " + min + ".." + max,
        s -> inRange(parseLong(s), min, max),
        String::valueOf);
  }

  /**
   * A TCP port {@code 0..65535} (0: any free port); upstream SPIKE's {@code :8553} form is accepted
   * too.
   */
  public static Parser<Integer> port() {
    return new Parser<>(
        "a port number 0..65535 (0: any free port; upstream's :8553 form is accepted)",
        s -> (int) inRange(parseLong(s.startsWith(":") ? s.substring(1) : s), 0, 65535),
        String::valueOf);
  }

  /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  public static Parser<Duration> duration() {
    return new Parser<>(
        "a duration such as 500ms, 30s, 5m or 1h", Parser::parseDuration, Parser::formatDuration);
  }

  /** A file system path, taken as written. */
  public static Parser<Path> path(String expected) {
    return new Parser<>(expected, s -> parsePath(s, false), Path::toString);
  }

  /** A file system path; {@code ~} and {@code ~/...} are the home directory. */
  public static Parser<Path> homePath(String expected) {
    return new Parser<>(expected, s -> parsePath(s, true), Path::toString);
  }

  /** One of {@code choices} (compared in lower case). */
  public static Parser<String> oneOf(String... choices) {
    Set<String> allowed = Set.of(choices);
    String form = "one of " + String.join(", ", choices);
    return new Parser<>(
        form,
        s -> {
          String v = s.toLowerCase(Locale.ROOT);
          if (!allowed.contains(v)) {
            throw new IllegalArgumentException("is not " + form);
          }
          return v;
        },
        s -> s);
  }

  /** A SPIFFE trust domain name: lowercase letters, digits, {@code .}, {@code -}, {@code _}. */
  public static Parser<String> trustDomain() {
    return new Parser<>(
        "a trust domain name of lowercase letters, digits, '.', '-' and '_', e.g. spike.ist",
        s -> {
          if (!TRUST_DOMAIN.matcher(s).matches()) {
            throw new IllegalArgumentException("is not a valid trust domain name");
          }
          return s;
        },
        s -> s);
  }

  /**
   * Comma-separated trust domain names, at least one; an empty entry (e.g. {@code a.org,,b.org}) or
   * an invalid name is refused with its 1-based position. Duplicates are dropped.
   */
  public static Parser<List<String>> trustDomains() {
    return new Parser<>(
        "comma-separated trust domain names of lowercase letters, digits, '.', '-' and '_',"
            + " e.g. spike.ist,partner.example",
        Parser::parseTrustDomains,
        l -> String.join(",", l));
  }

  /**
   * Comma-separated {@code <trust domain>=<file path>} pairs, at least one, each domain once; a bad
   * entry is refused with its 1-based position.
   */
  public static Parser<Map<String, Path>> trustDomainFiles() {
    return new Parser<>(
        "comma-separated trust-domain=PEM-file pairs, e.g."
            + " partner.example=/etc/spike/partner-bundle.pem",
        Parser::parseTrustDomainFiles,
        m ->
            m.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
  }

  /** An {@code https://host[:port]} URL. */
  public static Parser<URI> httpsUrl() {
    return new Parser<>(
        "an https URL such as https://localhost:8553", Parser::parseHttpsUrl, URI::toString);
  }

  /** Comma-separated {@code https://host[:port]} URLs, at least one. */
  public static Parser<List<URI>> httpsUrls() {
    return new Parser<>(
        "comma-separated https URLs such as https://localhost:8443,https://localhost:8543",
        s -> list(s, Parser::parseHttpsUrl),
        l -> l.stream().map(URI::toString).collect(Collectors.joining(",")));
  }

  /** Comma-separated words, at least one. */
  public static Parser<List<String>> words(String expected) {
    return new Parser<>(expected, s -> list(s, w -> w), l -> String.join(",", l));
  }

  /** {@code host:port}; IPv6 hosts in brackets. */
  public static Parser<HostPort> hostPort() {
    return new Parser<>(
        "host:port, e.g. 127.0.0.1:8554",
        s -> {
          int colon = s.lastIndexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("is not host:port");
          }
          String host = s.substring(0, colon).replace("[", "").replace("]", "");
          int port = (int) inRange(parseLong(s.substring(colon + 1)), 0, 65535);
          return new HostPort(host, port);
        },
        HostPort::toString);
  }

  /** 64 lowercase hex digits (upper case is lowered). */
  public static Parser<String> hex64(String expected) {
    return new Parser<>(
        expected,
        s -> {
          String v = s.toLowerCase(Locale.ROOT);
          if (!HEX64.matcher(v).matches()) {
            throw new IllegalArgumentException("is not 64 hex digits");
          }
          return v;
        },
        s -> s);
  }

  /**
   * A host and a port.
   *
   * @param host host name or address, IPv6 without brackets
   * @param port 0..65535
   */
  public record HostPort(String host, int port) {
    public HostPort {
      Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private static <E> List<E> list(String s, Function<String, E> element) {
    List<E> out = new ArrayList<>();
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        out.add(element.apply(part.trim()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("lists nothing");
    }
    return List.copyOf(out);
  }

  private static List<String> parseTrustDomains(String s) {
    String[] parts = s.split(",", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("has an empty entry at position " + (i + 1));
      }
      if (!TRUST_DOMAIN.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "has an invalid trust domain name at position " + (i + 1));
      }
      if (!out.contains(part)) {
        out.add(part);
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, Path> parseTrustDomainFiles(String s) {
    String[] parts = s.split(",", -1);
    Map<String, Path> out = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      int equals = part.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("has an entry without '=' at position " + (i + 1));
      }
      String domain = part.substring(0, equals).trim();
      String file = part.substring(equals + 1).trim();
      if (!TRUST_DOMAIN.matcher(domain).matches()) {
        throw new IllegalArgumentException(
            "has an invalid trust domain name at position " + (i + 1));
      }
      if (file.isEmpty()) {
        throw new IllegalArgumentException("has an empty file path at position " + (i + 1));
      }
      if (out.put(domain, parsePath(file, false)) != null) {
        throw new IllegalArgumentException(
            "names a trust domain twice (again at position " + (i + 1) + ")");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a whole number");
    }
  }

  private static boolean unbounded(long max) {
    return max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
  }

  private static String wholeNumber(long min, long max) {
    return unbounded(max)
        ? "a whole number of at least " + min
        : "a whole number " + min + ".." + max;
  }

  private static long inRange(long v, long min, long max) {
    if (v < min && unbounded(max)) {
      throw new IllegalArgumentException("is below " + min);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("is out of range " + min + ".." + max);
    }
    return v;
  }

  private static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("is not a duration");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofHours(n);
    }
  }

  private static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms > 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms > 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms > 0 && ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static Path parsePath(String s, boolean expandHome) {
    try {
      String home = System.getProperty("user.home");
      if (!expandHome) {
        return Path.of(s);
      }
      if (s.equals("~")) {
        return Path.of(home);
      }
      return s.startsWith("~/") ? Path.of(home, s.substring(2)) : Path.of(s);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a valid path");
    }
  }

  private static URI parseHttpsUrl(String s) {
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("is not an https URL with a host");
    }
    return uri;
  }
}
