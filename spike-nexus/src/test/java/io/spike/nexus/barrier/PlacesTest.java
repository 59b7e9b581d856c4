package io.spike.nexus.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The associated data strings are part of the stored format: changing one makes every record
 * unreadable.
 */
class PlacesTest {

  @Test
  void strings_areThoseOfTheStoredFormat() {
    assertThat(Places.secretVersion("apps/web/db", 3)).isEqualTo("secret|apps/web/db|3");
    assertThat(Places.secretMetadata("apps/web/db")).isEqualTo("secret-meta|apps/web/db");
    assertThat(Places.policy("web-read")).isEqualTo("policy|web-read");
  }

  @Test
  void differentPlaces_neverShareAString() {
    assertThat(Places.secretVersion("a", 1))
        .isNotEqualTo(Places.secretVersion("a", 11))
        .isNotEqualTo(Places.secretVersion("a|1", 1));
    assertThat(Places.secretMetadata("a")).isNotEqualTo(Places.policy("a"));
  }
}
