package io.spike.store.target;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A target in S3-compatible object storage, through the AWS SDK for Java v2 (sync client over the
 * JDK's HTTP client). URL: {@code s3://bucket[/prefix][?endpoint=URL&region=R&path-style=true]};
 * object {@code name} is key {@code prefix/name}. The region defaults to the SDK's region chain,
 * then {@code us-east-1}. Credentials come only from the SDK's default chain ({@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, system properties, profiles, container and
 * instance roles): a URL with user info is refused, and no credential reaches {@link #describe()},
 * {@link #toString()}, a message or a log.
 *
 * <p>An object is written by one PutObject, so a reader sees it whole or not at all. Request
 * checksums are sent only where S3 requires them and bodies are not aws-chunked, so that
 * S3-compatible servers that know neither work too (snapshots and segments carry their own
 * integrity checks).
 */
final class S3Target implements BackupTarget {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "path-style");
  static final Region FALLBACK_REGION = Region.US_EAST_1;

  private static final int PAGE = 1000;

  private final Location location;
  private final S3Client client;
  private final DefaultCredentialsProvider credentials;
  private final int pageSize;

  private S3Target(
      Location location, S3Client client, DefaultCredentialsProvider credentials, int pageSize) {
    this.location = location;
    this.client = client;
    this.credentials = credentials;
    this.pageSize = pageSize;
  }

  /** Opens the target an {@code s3://} URL names (no request is made yet). */
  static S3Target connect(String url) {
    return connect(url, PAGE);
  }

  /** As {@link #connect(String)}, listing {@code pageSize} keys per request (tests page with 2). */
  static S3Target connect(String url, int pageSize) {
    Location location = Location.parse(url);
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(credentials)
            .region(location.region().map(Region::of).orElseGet(S3Target::defaultRegion))
            .forcePathStyle(location.pathStyle())
            // Plain bodies rather than aws-chunked ones: S3-compatible servers do not all decode
            // those.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    location.endpoint().ifPresent(builder::endpointOverride);
    return new S3Target(location, builder.build(), credentials, pageSize);
  }

  private static Region defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return FALLBACK_REGION;
    }
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public void put(String name, byte[] content) {
    String key = key(name);
    try {
      client.putObject(r -> r.bucket(location.bucket()).key(key), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw failed("write", name, e);
    }
  }

  @Override
  public void putFile(String name, Path file) {
    String key = key(name);
    try {
      client.putObject(r -> r.bucket(location.bucket()).key(key), RequestBody.fromFile(file));
    } catch (SdkException | java.io.UncheckedIOException e) {
      throw failed("write", name, e);
    }
  }

  @Override
  public Optional<InputStream> open(String name) {
    String key = key(name);
    try {
      return Optional.of(client.getObject(r -> r.bucket(location.bucket()).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failed("read", name, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    String keyPrefix = location.keyPrefix();
    List<String> names = new ArrayList<>();
    try {
      for (S3Object object :
          client
              .listObjectsV2Paginator(
                  r -> r.bucket(location.bucket()).prefix(keyPrefix + prefix).maxKeys(pageSize))
              .contents()) {
        String name = object.key().substring(keyPrefix.length());
        if (TargetNames.isValid(name)) {
          names.add(name);
        }
      }
    } catch (SdkException e) {
      throw failed("list", prefix.isEmpty() ? "objects" : prefix + "*", e);
    }
    names.sort(String::compareTo);
    return names;
  }

  @Override
  public void delete(String name) {
    String key = key(name);
    try {
      client.deleteObject(r -> r.bucket(location.bucket()).key(key));
    } catch (SdkException e) {
      throw failed("delete", name, e);
    }
  }

  @Override
  public void close() {
    client.close();
    credentials.close();
  }

  @Override
  public String toString() {
    return "S3Target[" + describe() + "]";
  }

  private String key(String name) {
    return location.keyPrefix() + TargetNames.check(name);
  }

  private TargetException failed(String what, String name, RuntimeException e) {
    String why;
    if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
      why =
          "S3 error "
              + s3.awsErrorDetails().errorCode()
              + " (HTTP "
              + s3.statusCode()
              + ")"
              + Optional.ofNullable(s3.awsErrorDetails().errorMessage())
                  .map(m -> ": " + m)
                  .orElse("");
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new TargetException("cannot " + what + " " + name + " at " + describe() + ": " + why, e);
  }

  /**
   * Where an {@code s3://} URL points: bucket, key prefix ({@code ""} or ending in {@code /}),
   * optional endpoint and region, path-style addressing.
   */
  record Location(
      String bucket,
      String keyPrefix,
      Optional<URI> endpoint,
      Optional<String> region,
      boolean pathStyle) {
    Location {
      if (!BUCKET.matcher(bucket).matches()) {
        throw new IllegalArgumentException(
            "an S3 bucket name has 3 to 63 characters [a-z0-9.-]: " + bucket);
      }
      if (!keyPrefix.isEmpty()
          && (!keyPrefix.endsWith("/")
              || !TargetNames.isValid(keyPrefix.substring(0, keyPrefix.length() - 1)))) {
        throw new IllegalArgumentException(
            "an S3 target prefix is made of segments [A-Za-z0-9._-] joined by /");
      }
    }

    /** Parses {@code s3://bucket[/prefix][?endpoint=URL&region=R&path-style=true|false]}. */
    static Location parse(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        // The parser's message quotes the URL: say where without echoing it.
        throw new IllegalArgumentException(
            "not a valid s3:// URL (" + e.getReason() + " at index " + e.getIndex() + ")");
      }
      if (!"s3".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
        throw new IllegalArgumentException(
            "an S3 target is s3://bucket/prefix?endpoint=URL&region=R&path-style=true");
      }
      if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
        throw new IllegalArgumentException(CREDENTIALS_REFUSED);
      }
      Map<String, String> parameters = parameters(uri.getRawQuery());
      Optional<URI> endpoint =
          Optional.ofNullable(parameters.get("endpoint")).map(Location::endpoint);
      String path = uri.getPath() == null ? "" : uri.getPath();
      String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
      return new Location(
          uri.getRawAuthority(),
          prefix.isEmpty() ? "" : prefix + "/",
          endpoint,
          Optional.ofNullable(parameters.get("region")).filter(r -> !r.isBlank()),
          pathStyle(parameters.get("path-style")));
    }

    private static Map<String, String> parameters(String query) {
      Map<String, String> parameters = new LinkedHashMap<>();
      if (query == null || query.isEmpty()) {
        return parameters;
      }
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        if (!PARAMETERS.contains(name)) {
          // Never echo the value: someone may have tried to pass a key this way.
          throw new IllegalArgumentException(
              "unknown S3 target parameter "
                  + (name.matches("[A-Za-z0-9._-]{1,40}") ? name : "(unprintable)")
                  + "; the parameters are endpoint, region and path-style; credentials come from"
                  + " the AWS SDK's default chain");
        }
        String value =
            equals < 0
                ? ""
                : java.net.URLDecoder.decode(
                    pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
        parameters.put(name, value);
      }
      return parameters;
    }

    private static URI endpoint(String text) {
      URI endpoint;
      try {
        endpoint = new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("the S3 endpoint is not a valid URL");
      }
      if (endpoint.getRawUserInfo() != null
          || (endpoint.getRawAuthority() != null && endpoint.getRawAuthority().contains("@"))) {
        throw new IllegalArgumentException(CREDENTIALS_REFUSED);
      }
      if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "the S3 endpoint is an http:// or https:// URL with a host, e.g. https://s3.example.com");
      }
      return endpoint;
    }

    private static boolean pathStyle(String value) {
      if (value == null || value.equals("false")) {
        return false;
      }
      if (value.isEmpty() || value.equals("true")) {
        return true;
      }
      throw new IllegalArgumentException("path-style is true or false");
    }

    /** {@code s3://bucket/prefix} plus the endpoint and region when given; no credentials. */
    String describe() {
      StringBuilder text = new StringBuilder("s3://").append(bucket);
      if (!keyPrefix.isEmpty()) {
        text.append('/').append(keyPrefix, 0, keyPrefix.length() - 1);
      }
      endpoint.ifPresent(e -> text.append(" (endpoint ").append(e).append(')'));
      return text.toString();
    }
  }

  static final String CREDENTIALS_REFUSED =
      "an S3 target URL must not carry credentials (user info before @); they come from the AWS"
          + " SDK's default chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an"
          + " instance or container role";
}
