package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.server.ApiReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/HTTP-API.md names every route Nexus registers and every error code of the API. */
class HttpApiReferenceTest {
  @TempDir Path dir;

  @Test
  void everyNexusRouteIsDocumented() {
    try (NexusTestCluster cluster = NexusTestCluster.start(dir)) {
      assertThat(cluster.nexus().routes().actionsByPath()).isNotEmpty();
      assertThat(ApiReference.undocumentedRoutes(cluster.nexus().routes(), ApiReference.read()))
          .isEmpty();
    }
  }

  @Test
  void everyErrorCodeIsDocumented() {
    assertThat(ApiReference.undocumentedErrorCodes(ApiReference.read())).isEmpty();
  }

  @Test
  void theDocumentLinksNowhereOutsideTheRepository() {
    assertThat(ApiReference.read()).doesNotContain("http://", "https://");
  }
}
