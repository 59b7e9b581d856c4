package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.identity.TrustRoots;
import io.spike.server.ApiReference;
import io.spike.server.HttpLayering;
import io.spike.server.pipeline.RouteTable;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The keeper's route table; its behaviour over mTLS is in {@link KeeperServerTest}. Also: the
 * routes are in docs/HTTP-API.md, and only {@code io.spike.keeper.http} knows statuses.
 */
class KeeperRoutesTest {
  private final RouteTable table =
      KeeperRoutes.table(new ShardSlot(), TrustRoots.single("spike.ist"));

  @Test
  void table_holdsContributeAndShard_neitherServedSealed() {
    assertThat(table.actionsByPath())
        .isEqualTo(
            Map.of(
                Routes.KEEPER_CONTRIBUTE, Set.of(Routes.ACTION_DEFAULT),
                Routes.KEEPER_SHARD, Set.of(Routes.ACTION_DEFAULT)));
    assertThat(table.find(Routes.KEEPER_SHARD, "").orElseThrow().servesWhileSealed()).isFalse();
    assertThat(table.find(Routes.KEEPER_CONTRIBUTE, "").orElseThrow().servesWhileSealed())
        .isFalse();
  }

  @Test
  void everyKeeperRouteIsDocumented() {
    assertThat(ApiReference.undocumentedRoutes(table, ApiReference.read())).isEmpty();
  }

  @Test
  void noClassOutsideHttpMentionsAnHttpErrorType() {
    assertThat(HttpLayering.violations(HttpLayering.mainSources())).isEmpty();
  }
}
