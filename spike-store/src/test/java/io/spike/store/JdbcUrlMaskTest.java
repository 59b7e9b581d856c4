package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlMaskTest {

  @Test
  void mask_hidesPasswordParameters() {
    assertThat(JdbcUrlMask.mask("jdbc:postgresql://db/spike?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/spike?user=u&password=***&ssl=true");
    assertThat(JdbcUrlMask.mask("jdbc:postgresql://db/spike?PASSWORD=s3cret"))
        .isEqualTo("jdbc:postgresql://db/spike?PASSWORD=***");
    assertThat(JdbcUrlMask.mask("jdbc:postgresql://db/spike?sslpassword=k&user=u"))
        .isEqualTo("jdbc:postgresql://db/spike?sslpassword=***&user=u");
  }

  @Test
  void mask_hidesUserInfoPassword() {
    assertThat(JdbcUrlMask.mask("jdbc:postgresql://u:s3cret@db:5432/spike"))
        .isEqualTo("jdbc:postgresql://u:***@db:5432/spike");
  }

  @Test
  void mask_leavesUrlsWithoutPasswordsAlone() {
    String url = "jdbc:postgresql://db:5432/spike?user=u";
    assertThat(JdbcUrlMask.mask(url)).isEqualTo(url);
  }
}
