package io.spike.pilot.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretGetTest {
  private FakeServer nexus;

  @BeforeEach
  void start() throws IOException {
    nexus =
        new FakeServer()
            .on(
                Routes.SECRETS,
                "get",
                200,
                "{\"data\":{\"user\":\"u\",\"pass\":\"p\",\"note\":\"a: b\"},\"version\":3}");
  }

  @AfterEach
  void stop() {
    nexus.close();
  }

  @Test
  void withKey_printsTheRawValue() {
    Cli.Result r = Cli.run(nexus.connector(), "secret", "get", "apps/web/db", "pass");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("p\n");
    assertThat(nexus.requests().get(0).body())
        .isEqualTo("{\"path\":\"apps/web/db\",\"version\":0}");
  }

  @Test
  void withoutKey_printsSortedLines() {
    assertThat(Cli.run(nexus.connector(), "secret", "get", "apps/web/db").out())
        .isEqualTo("note: a: b\npass: p\nuser: u\n");
  }

  @Test
  void json_printsTheDataMap_yamlToo() {
    assertThat(Cli.run(nexus.connector(), "secret", "get", "apps/web/db", "-f", "json").out())
        .isEqualTo("{\n  \"note\" : \"a: b\",\n  \"pass\" : \"p\",\n  \"user\" : \"u\"\n}\n");
    assertThat(
            Cli.run(nexus.connector(), "-f", "yaml", "secret", "get", "apps/web/db", "user").out())
        .isEqualTo("user: u\n");
  }

  @Test
  void version_isSent() {
    Cli.run(nexus.connector(), "secret", "get", "apps/web/db", "-v", "2");

    assertThat(nexus.requests().get(0).body()).contains("\"version\":2");
  }

  @Test
  void missingKey_exits1_listingKeysNotValues() {
    Cli.Result r = Cli.run(nexus.connector(), "secret", "get", "apps/web/db", "host");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "spike: apps/web/db (version 3) has no key 'host'; its keys are: note, pass, user\n");
  }

  @Test
  void notFound_exits1_withOneLine() {
    nexus.on(Routes.SECRETS, "get", 404, "{\"err\":\"api_not_found\"}");

    Cli.Result r = Cli.run(nexus.connector(), "secret", "get", "apps/none");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("spike: api_not_found: cannot read apps/none");
  }

  @Test
  void unreachable_exits1_suggestingDevUp() {
    nexus.close();

    Cli.Result r = Cli.run(nexus.connector(), "secret", "get", "apps/web/db");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("spike: cannot reach Nexus at https://localhost:8553 (")
        .endsWith("is it running? try ./spike dev up\n");
  }
}
