package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class UnsafeTrustAllTest {

  @Test
  void acceptsAnyChain_andNamesNoIssuer() {
    UnsafeTrustAll trust = new UnsafeTrustAll();
    X509Certificate[] none = new X509Certificate[0];
    assertThatCode(() -> trust.checkServerTrusted(none, "EC")).doesNotThrowAnyException();
    assertThatCode(() -> trust.checkClientTrusted(none, "EC")).doesNotThrowAnyException();
    assertThat(trust.getAcceptedIssuers()).isEmpty();
  }
}
