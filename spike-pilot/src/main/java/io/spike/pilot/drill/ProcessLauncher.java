package io.spike.pilot.drill;

import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.pilot.dev.JavaCommand;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Starts the scratch Nexus as a process, like {@code spike dev} does ({@code java -cp <this class
 * path> io.spike.nexus.NexusMain}), in the drill's temporary directory: a new dev CA ({@code
 * work/ca}) with SVIDs for nexus, superuser and restore ({@code work/svid}), the SQLite store in
 * {@code work/data}, TLS and ops ports picked free on 127.0.0.1, and as keeper peers as many unused
 * loopback URLs as there are shares (nothing listens there: the scratch Nexus has no keepers; its
 * pushes fail harmlessly). Output goes to {@code work/logs/nexus.log}.
 *
 * <p>The environment is built from scratch, keeping only {@link #INHERITED} of the caller's:
 * settings such as {@code SPIKE_NEXUS_BACKUP_DIR} must never reach a scratch Nexus.
 */
final class ProcessLauncher implements ScratchLauncher {
  static final String NEXUS_MAIN = "io.spike.nexus.NexusMain";
  static final Set<String> INHERITED =
      Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME");
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Map<String, String> callerEnv;
  private final String trustDomain;

  ProcessLauncher(Map<String, String> callerEnv, String trustDomain) {
    this.callerEnv = Map.copyOf(callerEnv);
    this.trustDomain = trustDomain;
  }

  @Override
  public ScratchNexus launch(Path work, int shares, int threshold) throws IOException {
    Path svid = Files.createDirectories(work.resolve("svid"));
    Path logs = Files.createDirectories(work.resolve("logs"));
    DevCa ca = DevCa.create(work.resolve("ca"), trustDomain);
    for (Role role : List.of(Role.NEXUS, Role.SUPERUSER, Role.RESTORE)) {
      String name = name(role);
      ca.issue(role.id(trustDomain), svid.resolve(name + ".crt"), svid.resolve(name + ".key"));
    }
    int[] ports = FreePorts.pick(2 + shares);
    Map<String, String> env = environment(work, ports, shares, threshold);
    List<String> command = new ArrayList<>(JavaCommand.of(callerEnv, "nexus"));
    command.add(NEXUS_MAIN);
    Path log = logs.resolve("nexus.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    return new Running(
        process,
        log,
        URI.create("https://" + LOOPBACK + ":" + ports[0]),
        URI.create("http://" + LOOPBACK + ":" + ports[1] + "/readyz"),
        work.resolve("ca").resolve("bundle.pem"),
        svid);
  }

  /** The scratch Nexus's whole environment. */
  Map<String, String> environment(Path work, int[] ports, int shares, int threshold) {
    EnvBuilder env = new EnvBuilder();
    INHERITED.forEach(name -> env.inherit(callerEnv, name));
    Path svid = work.resolve("svid");
    return env.set(Settings.TRUST_ROOT, trustDomain)
        .set(Settings.SVID_CERT, svid.resolve("nexus.crt"))
        .set(Settings.SVID_KEY, svid.resolve("nexus.key"))
        .set(Settings.TRUST_BUNDLE, work.resolve("ca").resolve("bundle.pem"))
        .set(Settings.NEXUS_TLS_ADDR, LOOPBACK)
        .set(Settings.NEXUS_TLS_PORT, ports[0])
        .set(Settings.NEXUS_OPS_ADDR, new HostPort(LOOPBACK, ports[1]))
        .set(Settings.DATA_DIR, work.resolve("data"))
        .set(Settings.BACKEND_STORE, "sqlite")
        .set(Settings.SHAMIR_SHARES, shares)
        .set(Settings.SHAMIR_THRESHOLD, threshold)
        .set(
            Settings.KEEPER_PEERS,
            IntStream.range(0, shares)
                .mapToObj(i -> URI.create("https://" + LOOPBACK + ":" + ports[2 + i]))
                .toList())
        .build();
  }

  private static String name(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** The launched process and clients bound to it. */
  private final class Running implements ScratchNexus {
    private final Process process;
    private final Path log;
    private final URI readyz;
    private final SvidSource restoreId;
    private final SvidSource superuserId;
    private final NexusClient restore;
    private final NexusClient superuser;
    private final HttpClient ops =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Running(Process process, Path log, URI api, URI readyz, Path bundle, Path svid) {
      this.process = process;
      this.log = log;
      this.readyz = readyz;
      this.restoreId =
          SvidSources.fromFiles(svid.resolve("restore.crt"), svid.resolve("restore.key"), bundle);
      this.superuserId =
          SvidSources.fromFiles(
              svid.resolve("superuser.crt"), svid.resolve("superuser.key"), bundle);
      this.restore = client(api, restoreId);
      this.superuser = client(api, superuserId);
    }

    private NexusClient client(URI api, SvidSource id) {
      return new NexusClient(
          new SpikeHttp(
              api,
              TlsContexts.client(id, TlsContexts.role(Role.NEXUS, trustDomain)),
              Duration.ofSeconds(2),
              Duration.ofSeconds(30)));
    }

    @Override
    public NexusClient restore() {
      return restore;
    }

    @Override
    public NexusClient superuser() {
      return superuser;
    }

    @Override
    public int readyz() {
      try {
        return ops.send(
                HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    @Override
    public boolean alive() {
      return process.isAlive();
    }

    @Override
    public List<String> logTail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    }

    @Override
    public void close() {
      try {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      } finally {
        restoreId.close();
        superuserId.close();
      }
    }
  }
}
