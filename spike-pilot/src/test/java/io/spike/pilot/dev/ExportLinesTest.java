package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportLinesTest {

  @Test
  void of_printsFourExports_withAbsolutePaths() {
    assertThat(ExportLines.of(new DevLayout(Path.of("/srv/d")), "superuser"))
        .isEqualTo(
            ""
                + "export SPIKE_SVID_CERT=/srv/d/svid/superuser.crt\n"
                + "export SPIKE_SVID_KEY=/srv/d/svid/superuser.key\n"
                + "export SPIKE_TRUST_BUNDLE=/srv/d/ca/bundle.pem\n"
                + "export SPIKE_NEXUS_API_URL=https://localhost:8553\n");
  }

  @Test
  void quote_onlyWhenNeeded() {
    assertThat(ExportLines.quote("/a/b-c_d.e")).isEqualTo("/a/b-c_d.e");
    assertThat(ExportLines.quote("/my dir/x")).isEqualTo("'/my dir/x'");
    assertThat(ExportLines.quote("/it's/$HOME")).isEqualTo("'/it'\\''s/$HOME'");
  }
}
