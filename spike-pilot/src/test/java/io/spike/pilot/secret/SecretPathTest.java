package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import org.junit.jupiter.api.Test;

class SecretPathTest {

  @Test
  void check_acceptsOrdinaryPaths_refusesBlankAndControl() {
    assertThat(SecretPath.check("apps/web/db")).isEqualTo("apps/web/db");
    assertThatThrownBy(() -> SecretPath.check(" ")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> SecretPath.check("a\tb")).isInstanceOf(UsageException.class);
  }
}
