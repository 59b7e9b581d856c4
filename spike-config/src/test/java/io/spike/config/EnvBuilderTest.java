package io.spike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvBuilderTest {

  @Test
  void typedValues_areWrittenAsTheParsersRead() {
    Map<String, String> env =
        new EnvBuilder()
            .set(Settings.NEXUS_TLS_PORT, 0)
            .set(Settings.NEXUS_OPS_ADDR, new Parser.HostPort("127.0.0.1", 9))
            .set(Settings.KEEPER_UPDATE_INTERVAL, Duration.ofSeconds(2))
            .set(
                Settings.KEEPER_PEERS,
                List.of(URI.create("https://a:1"), URI.create("https://b:2")))
            .build();
    assertThat(env)
        .containsEntry("SPIKE_NEXUS_TLS_PORT", "0")
        .containsEntry("SPIKE_NEXUS_OPS_ADDR", "127.0.0.1:9")
        .containsEntry("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "2s")
        .containsEntry("SPIKE_NEXUS_KEEPER_PEERS", "https://a:1,https://b:2");
    Environment read = Environment.of(env);
    assertThat(read.get(Settings.KEEPER_UPDATE_INTERVAL)).isEqualTo(Duration.ofSeconds(2));
    assertThat(read.get(Settings.NEXUS_OPS_ADDR).port()).isEqualTo(9);
  }

  @Test
  void removeAllSettings_keepsOtherVariables_andDropsAliases() {
    Map<String, String> env =
        new EnvBuilder(
                Map.of(
                    "PATH",
                    "/bin",
                    Settings.TRUST_ROOT.name(),
                    "x",
                    Settings.KEEPER_PEERS.aliases().get(0),
                    "https://a:1"))
            .removeAllSettings()
            .build();
    assertThat(env).containsOnlyKeys("PATH");
  }

  @Test
  void inherit_copiesOnlyWhatIsThere() {
    Map<String, String> env =
        new EnvBuilder().inherit(Map.of("HOME", "/h"), "HOME").inherit(Map.of(), "TZ").build();
    assertThat(env).containsExactlyEntriesOf(Map.of("HOME", "/h"));
  }
}
