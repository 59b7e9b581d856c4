package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.config.SettingException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  private static final String HOME = System.getProperty("user.home");

  private static Function<String, String> env(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map::get;
  }

  @Test
  void fromEnvironment_nothingSet_isSqliteInHomeSpikeData() {
    StoreConfig config = StoreConfig.fromEnvironment(env());

    assertThat(config)
        .isEqualTo(new StoreConfig.Sqlite(Path.of(HOME, ".spike", "data", "spike.db")));
    assertThat(config.backend()).isEqualTo("sqlite");
  }

  @Test
  void fromEnvironment_sqliteWithDataDir_usesSpikeDbInIt() {
    StoreConfig config =
        StoreConfig.fromEnvironment(
            env("SPIKE_NEXUS_BACKEND_STORE", "sqlite", "SPIKE_NEXUS_DATA_DIR", "/var/lib/spike"));

    assertThat(config).isEqualTo(new StoreConfig.Sqlite(Path.of("/var/lib/spike/spike.db")));
  }

  @Test
  void fromEnvironment_dataDirWithTilde_expandsHome() {
    StoreConfig config = StoreConfig.fromEnvironment(env("SPIKE_NEXUS_DATA_DIR", "~/spike"));

    assertThat(config).isEqualTo(new StoreConfig.Sqlite(Path.of(HOME, "spike", "spike.db")));
  }

  @Test
  void fromEnvironment_blankValues_meanDefaults() {
    StoreConfig config =
        StoreConfig.fromEnvironment(
            env("SPIKE_NEXUS_BACKEND_STORE", "  ", "SPIKE_NEXUS_DATA_DIR", ""));

    assertThat(config)
        .isEqualTo(new StoreConfig.Sqlite(Path.of(HOME, ".spike", "data", "spike.db")));
  }

  @Test
  void fromEnvironment_backendName_isCaseInsensitive() {
    assertThat(StoreConfig.fromEnvironment(env("SPIKE_NEXUS_BACKEND_STORE", " Memory ")))
        .isEqualTo(new StoreConfig.Memory());
  }

  @Test
  void fromEnvironment_memory() {
    StoreConfig config = StoreConfig.fromEnvironment(env("SPIKE_NEXUS_BACKEND_STORE", "memory"));

    assertThat(config).isInstanceOf(StoreConfig.Memory.class);
    assertThat(config.backend()).isEqualTo("memory");
  }

  @Test
  void fromEnvironment_postgres_takesTheUrl() {
    String url = "jdbc:postgresql://db:5432/spike?user=spike&password=pw";

    StoreConfig config =
        StoreConfig.fromEnvironment(
            env("SPIKE_NEXUS_BACKEND_STORE", "postgres", "SPIKE_NEXUS_DB_URL", url));

    assertThat(config).isEqualTo(new StoreConfig.Postgres(url));
    assertThat(config.backend()).isEqualTo("postgres");
  }

  @Test
  void fromEnvironment_postgresWithoutUrl_saysToSetIt() {
    assertThatThrownBy(
            () -> StoreConfig.fromEnvironment(env("SPIKE_NEXUS_BACKEND_STORE", "postgres")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_DB_URL");
  }

  @Test
  void fromEnvironment_postgresWithNonJdbcUrl_isRejectedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                StoreConfig.fromEnvironment(
                    env(
                        "SPIKE_NEXUS_BACKEND_STORE",
                        "postgres",
                        "SPIKE_NEXUS_DB_URL",
                        "postgres://spike:hunter2@db/spike")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_DB_URL")
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void fromEnvironment_unknownBackend_namesTheAllowedValues() {
    assertThatThrownBy(() -> StoreConfig.fromEnvironment(env("SPIKE_NEXUS_BACKEND_STORE", "mysql")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("SPIKE_NEXUS_BACKEND_STORE")
        .hasMessageContaining("sqlite")
        .hasMessageContaining("postgres")
        .hasMessageContaining("memory");
  }

  @Test
  void fromEnvironment_noArgument_readsTheProcessEnvironment() {
    // Whatever this process has set, the result must equal reading System.getenv directly.
    StoreConfig direct;
    try {
      direct = StoreConfig.fromEnvironment(System::getenv);
    } catch (SettingException e) {
      assertThatThrownBy(StoreConfig::fromEnvironment).isInstanceOf(SettingException.class);
      return;
    }
    assertThat(StoreConfig.fromEnvironment()).isEqualTo(direct);
  }

  @Test
  void postgres_toString_masksPassword() {
    StoreConfig config =
        new StoreConfig.Postgres(
            "jdbc:postgresql://db:5432/spike?user=spike&password=hunter2&ssl=true");

    assertThat(config.toString())
        .contains("db:5432", "user=spike", "ssl=true")
        .doesNotContain("hunter2");
  }

  @Test
  void postgres_nonJdbcUrl_isRejected() {
    assertThatThrownBy(() -> new StoreConfig.Postgres("mysql://x"))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void parse_acceptsTheCliForms() {
    assertThat(StoreConfig.parse("sqlite:/tmp/x/spike.db"))
        .isEqualTo(new StoreConfig.Sqlite(Path.of("/tmp/x/spike.db")));
    assertThat(StoreConfig.parse("postgres:jdbc:postgresql://db/spike"))
        .isEqualTo(new StoreConfig.Postgres("jdbc:postgresql://db/spike"));
    assertThat(StoreConfig.parse("memory")).isEqualTo(new StoreConfig.Memory());
  }

  @Test
  void parse_rejectsAnythingElse() {
    for (String spec : new String[] {"", "sqlite:", "postgres://db/spike", "mysql:x", "file.db"}) {
      assertThatThrownBy(() -> StoreConfig.parse(spec))
          .as(spec)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("sqlite:<file>");
    }
  }
}
