package io.spike.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server for a test class: <a
 * href="https://github.com/jamhall/s3rver">s3rver</a> (Node.js) on a free loopback port with a
 * fresh data directory and one bucket, {@link #BUCKET}. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();
 * ...
 * BackupTarget target = BackupTargets.open(S3.targetUrl("some/prefix"));
 * }</pre>
 *
 * <p>s3rver is installed with {@code npm ci} from the {@code package.json} and {@code
 * package-lock.json} shipped in this jar ({@code io/spike/testkit/s3rver/}) into {@code
 * ~/.cache/spike-s3rver/<lock hash>} (or {@code -Dspike.s3rver.cache=DIR}), once per lock file and
 * machine, under a file lock so that parallel test JVMs install it once. Without {@code node} on
 * the {@code PATH} the test class is skipped with a message saying so (or fails when the
 * environment has {@code CI=true}: CI installs Node.js); when npm cannot install it the class
 * fails: it is never skipped silently.
 *
 * <p>s3rver runs through {@code atomic-put.js}, which makes a PUT all or nothing as on S3: s3rver
 * itself writes a body straight into the object, so a client killed mid-upload would leave a
 * cut-short object that S3 never stores.
 *
 * <p>While the server runs, the JVM's system properties {@code aws.accessKeyId} and {@code
 * aws.secretAccessKey} hold s3rver's fixed test credentials ({@code S3RVER}/{@code S3RVER}), which
 * the AWS SDK's default credential chain reads first; the previous values come back afterwards.
 * They are not secrets.
 */
public final class S3rverExtension implements BeforeAllCallback, AfterAllCallback {
  /** The bucket the server has from the start. */
  public static final String BUCKET = "spike-test";

  /** s3rver's fixed access key id and secret key (test-only, public by design). */
  public static final String CREDENTIAL = "S3RVER";

  private static final String RESOURCES = "/io/spike/testkit/s3rver/";
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Object INSTALL_LOCK = new Object();
  private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey");

  private final Map<String, String> previous = new java.util.HashMap<>();
  private Path scratch;
  private Process server;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String node = System.getProperty("spike.s3rver.node", "node");
    boolean nodeWorks = commandWorks(node, "--version");
    String missing =
        "node is not on the PATH: the S3 target tests need Node.js 18+ and npm (CI installs them)";
    if (!nodeWorks && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(missing + "; CI=true, so this is a failure, not a skip");
    }
    Assumptions.assumeTrue(nodeWorks, missing);
    Path installed = install();
    scratch = Files.createTempDirectory("s3rver");
    Path data = Files.createDirectory(scratch.resolve("data"));
    Path log = scratch.resolve("s3rver.log");
    Path launcher = scratch.resolve("atomic-put.js");
    Files.write(launcher, resource("atomic-put.js"));
    server =
        new ProcessBuilder(
                node,
                // s3rver's ListObjectsV2 continuation tokens use DES, in OpenSSL 3's legacy
                // provider.
                "--openssl-legacy-provider",
                // s3rver with all-or-nothing PUTs, as S3 has (see atomic-put.js).
                launcher.toString(),
                installed.resolve("node_modules/s3rver").toString(),
                "--directory",
                data.toString(),
                "--address",
                "127.0.0.1",
                "--port",
                "0",
                "--configure-bucket",
                BUCKET)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    port = awaitPort(log);
    for (String property : PROPERTIES) {
      previous.put(property, System.getProperty(property));
      System.setProperty(property, CREDENTIAL);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    previous.forEach(
        (property, value) -> {
          if (value == null) {
            System.clearProperty(property);
          } else {
            System.setProperty(property, value);
          }
        });
    previous.clear();
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      server = null;
    }
    if (scratch != null) {
      deleteTree(scratch);
      scratch = null;
    }
  }

  /** The server's base URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    if (server == null) {
      throw new IllegalStateException("s3rver is not running (register the extension statically)");
    }
    return "http://127.0.0.1:" + port;
  }

  /**
   * A backup target URL for {@code prefix} in {@link #BUCKET}: {@code
   * s3://spike-test/<prefix>?endpoint=...&region=us-east-1&path-style=true}; an empty prefix is the
   * bucket's root.
   */
  public String targetUrl(String prefix) {
    String path = prefix.isEmpty() ? "" : "/" + prefix;
    return "s3://"
        + BUCKET
        + path
        + "?endpoint="
        + endpoint()
        + "&region=us-east-1&path-style=true";
  }

  private int awaitPort(Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Matcher listening = LISTENING.matcher(text);
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "s3rver exited with " + server.exitValue() + " before listening:\n" + text);
      }
      Thread.sleep(50);
    }
    server.destroyForcibly();
    throw new IllegalStateException(
        "s3rver did not listen within 30 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Installs s3rver into the cache once per lock file; returns the directory holding it. */
  private static Path install() throws IOException, InterruptedException {
    byte[] packageJson = resource("package.json");
    byte[] lock = resource("package-lock.json");
    Path root =
        Path.of(
            System.getProperty(
                "spike.s3rver.cache",
                Path.of(System.getProperty("user.home"), ".cache", "spike-s3rver").toString()));
    Files.createDirectories(root);
    String hash = sha256(lock).substring(0, 16);
    Path dir = root.resolve(hash);
    Path done = dir.resolve(".installed");
    synchronized (INSTALL_LOCK) {
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve(hash + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (Files.exists(done)) {
          return dir;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.write(dir.resolve("package.json"), packageJson);
        Files.write(dir.resolve("package-lock.json"), lock);
        Path log = dir.resolve("npm-ci.log");
        Process npm;
        try {
          npm =
              new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                  .directory(dir.toFile())
                  .redirectErrorStream(true)
                  .redirectOutput(log.toFile())
                  .start();
        } catch (IOException e) {
          throw new IllegalStateException(
              "node is installed but npm is not on the PATH: the S3 target tests install s3rver"
                  + " with npm ci",
              e);
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
          npm.destroyForcibly();
          throw new IllegalStateException("npm ci for s3rver took over 5 minutes in " + dir);
        }
        if (npm.exitValue() != 0) {
          throw new IllegalStateException(
              "npm ci for s3rver failed with exit code "
                  + npm.exitValue()
                  + " in "
                  + dir
                  + " (the npm registry must be reachable the first time):\n"
                  + Files.readString(log, StandardCharsets.UTF_8));
        }
        Files.writeString(done, hash);
        return dir;
      }
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = S3rverExtension.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCES + name);
      }
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean commandWorks(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(paths::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (int i = paths.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(paths.get(i));
    }
  }
}
