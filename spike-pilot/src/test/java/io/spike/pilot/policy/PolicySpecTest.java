package io.spike.pilot.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.PolicyPutRequest;
import io.spike.pilot.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySpecTest {

  @Test
  void toRequest_normalizesPermissions() {
    PolicyPutRequest r =
        new PolicySpec(
                "web", "^spiffe://spike.ist/web$", "^apps/web/.*$", List.of("READ, list", "read"))
            .toRequest();

    assertThat(r.permissions()).containsExactly("read", "list");
    assertThat(r.name()).isEqualTo("web");
  }

  @Test
  void toRequest_refusesUnknownPermission_badRegex_missingParts() {
    assertThatThrownBy(() -> new PolicySpec("p", "x", "y", List.of("fly")).toRequest())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown permission 'fly'");
    assertThatThrownBy(() -> new PolicySpec("p", "x", "[", List.of("read")).toRequest())
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("pathPattern is not a valid regular expression");
    assertThatThrownBy(() -> new PolicySpec(" ", "x", "y", List.of("read")).toRequest())
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> new PolicySpec("p", null, "y", List.of("read")).toRequest())
        .hasMessageContaining("spiffeidPattern");
    assertThatThrownBy(() -> new PolicySpec("p", "x", "y", List.of()).toRequest())
        .hasMessageContaining("grants no permission");
  }
}
