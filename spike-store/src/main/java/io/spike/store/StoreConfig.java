package io.spike.store;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which backend to open, and where. Read from the environment by {@link #fromEnvironment()}:
 *
 * <ul>
 *   <li>{@code SPIKE_NEXUS_BACKEND_STORE}: {@code sqlite} (default), {@code postgres} or {@code
 *       memory};
 *   <li>{@code SPIKE_NEXUS_DATA_DIR} (sqlite): the directory of {@code spike.db}, default {@code
 *       ~/.spike/data}, created with mode 0700 when the store opens;
 *   <li>{@code SPIKE_NEXUS_DB_URL} (postgres): a JDBC URL, user and password may be URL parameters.
 * </ul>
 *
 * <p>{@code toString} masks passwords in JDBC URLs.
 */
public sealed interface StoreConfig {

  /** File name of the SQLite database inside the data directory. */
  String SQLITE_FILE_NAME = "spike.db";

  /** The backend's name, as in {@link SpikeStore#backend()}. */
  String backend();

  /** A SQLite database in one file; its directory is created (0700) if missing. */
  record Sqlite(Path file) implements StoreConfig {
    public Sqlite {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String backend() {
      return "sqlite";
    }
  }

  /** A PostgreSQL database, reached through a pool of connections to this JDBC URL. */
  record Postgres(String jdbcUrl) implements StoreConfig {
    public Postgres {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new StoreException(
            "the PostgreSQL URL must be a JDBC URL such as "
                + "jdbc:postgresql://db.example:5432/spike?user=spike&password=...");
      }
    }

    @Override
    public String backend() {
      return "postgres";
    }

    /** The URL with any password replaced by {@code ***}. */
    public String maskedUrl() {
      return JdbcUrlMask.mask(jdbcUrl);
    }

    @Override
    public String toString() {
      return "Postgres[jdbcUrl=" + maskedUrl() + "]";
    }
  }

  /** Keeps everything in memory: for tests and demos, lost on exit. */
  record Memory() implements StoreConfig {
    @Override
    public String backend() {
      return "memory";
    }
  }

  /** Reads the configuration from the process environment. */
  static StoreConfig fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * Reads the configuration from the given environment lookup (returns {@code null} when unset).
   *
   * @throws SettingException naming the variable to fix when the configuration is unusable
   */
  static StoreConfig fromEnvironment(Function<String, String> variables) {
    Environment env = Environment.of(variables);
    switch (env.get(Settings.BACKEND_STORE)) {
      case "postgres":
        String url =
            env.find(Settings.DB_URL)
                .orElseThrow(
                    () ->
                        new SettingException(
                            Settings.BACKEND_STORE.name()
                                + "=postgres needs "
                                + Settings.DB_URL.name()
                                + ": set it to a JDBC URL such as "
                                + "jdbc:postgresql://db.example:5432/spike?user=spike&password=..."));
        if (!url.startsWith("jdbc:postgresql:")) {
          throw Settings.DB_URL.refuse("must be a JDBC URL starting with jdbc:postgresql:");
        }
        return new Postgres(url);
      case "memory":
        return new Memory();
      default:
        return new Sqlite(dataDir(env).resolve(SQLITE_FILE_NAME));
    }
  }

  /** {@code SPIKE_NEXUS_DATA_DIR}, {@code ~} expanded, or {@code ~/.spike/data}. */
  static Path dataDir(Environment env) {
    return env.find(Settings.DATA_DIR).orElseGet(StoreConfig::defaultDataDir);
  }

  /**
   * Parses a command-line store spec: {@code sqlite:<file>}, {@code postgres:<jdbc url>} or {@code
   * memory}.
   *
   * @throws StoreException when the spec has none of these forms
   */
  static StoreConfig parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    String s = spec.trim();
    if (s.equals("memory")) {
      return new Memory();
    }
    if (s.startsWith("sqlite:") && s.length() > "sqlite:".length()) {
      return new Sqlite(expandHome(s.substring("sqlite:".length())));
    }
    if (s.startsWith("postgres:jdbc:postgresql:")) {
      return new Postgres(s.substring("postgres:".length()));
    }
    throw new StoreException(
        "a store is sqlite:<file>, postgres:<jdbc:postgresql://... URL> or memory");
  }

  private static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".spike", "data");
  }

  private static Path expandHome(String dir) {
    if (dir.equals("~")) {
      return Path.of(System.getProperty("user.home"));
    }
    if (dir.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), dir.substring(2));
    }
    return Path.of(dir);
  }
}
