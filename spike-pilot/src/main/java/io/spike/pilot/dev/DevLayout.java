package io.spike.pilot.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files of a local cluster under one directory D (DESIGN §8): {@code ca/} (dev CA and trust
 * bundle), {@code svid/<name>.crt|.key}, {@code data/} (Nexus's data dir), {@code postgres/} (the
 * embedded PostgreSQL's, when there is one), {@code logs/<component>.log}, {@code <component>.pid}
 * and {@code cluster.json} (the cluster's shape).
 *
 * @param dir D, absolute
 */
public record DevLayout(Path dir) {
  /** The default D, relative to the caller's working directory. */
  public static final String DEFAULT_DIR = ".spike-dev";

  public DevLayout {
    dir = dir.toAbsolutePath().normalize();
  }

  public Path ca() {
    return dir.resolve("ca");
  }

  public Path bundle() {
    return ca().resolve("bundle.pem");
  }

  public Path svidDir() {
    return dir.resolve("svid");
  }

  /**
   * The certificate of identity {@code name} (e.g. {@code nexus}, {@code keeper-2}, {@code
   * superuser}).
   */
  public Path cert(String name) {
    return svidDir().resolve(name + ".crt");
  }

  /** The private key of identity {@code name}. */
  public Path key(String name) {
    return svidDir().resolve(name + ".key");
  }

  public Path data() {
    return dir.resolve("data");
  }

  /**
   * The embedded PostgreSQL's data directory (only with {@code --backend postgres} and no database
   * URL).
   */
  public Path postgres() {
    return dir.resolve("postgres");
  }

  public Path logs() {
    return dir.resolve("logs");
  }

  public Path log(String component) {
    return logs().resolve(component + ".log");
  }

  public Path pid(String component) {
    return dir.resolve(component + ".pid");
  }

  public Path clusterFile() {
    return dir.resolve("cluster.json");
  }

  /** Whether {@code dev up} has set up this directory. */
  public boolean exists() {
    return Files.isRegularFile(clusterFile());
  }

  /** Creates D, {@code data/} and {@code logs/} as owner-only directories when missing. */
  public void createDirectories() {
    for (Path p : new Path[] {dir, data(), logs()}) {
      try {
        if (!Files.isDirectory(p)) {
          Files.createDirectories(p);
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
      }
    }
  }
}
