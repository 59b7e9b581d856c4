package io.spike.identity;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SPIKE roles, each a SPIFFE ID path in the trust domain (DESIGN §2).
 *
 * <p>An ID holds a role when it is in the given trust domain and its path equals the role's path or
 * starts with it plus {@code /}: {@code /spike/keeper/2} is a keeper, {@code /spike/keeperX} is
 * not. Servers decide roles through {@link TrustRoots}, which allows each role its own list of
 * trust domains ({@code SPIKE_TRUST_ROOT_*}); the single-domain methods here are that with one
 * domain for everything.
 */
public enum Role {
  /** The secrets server. */
  NEXUS("/spike/nexus"),
  /** A shard holder; keeper N may be {@code /spike/keeper/N}. */
  KEEPER("/spike/keeper"),
  /** The one-shot seeding job. */
  BOOTSTRAP("/spike/bootstrap"),
  /** The pilot CLI as superuser: every secret, policy, cipher and backup route. */
  SUPERUSER("/spike/pilot/role/superuser"),
  /** The pilot CLI allowed to fetch recovery shards. */
  RECOVER("/spike/pilot/role/recover"),
  /** The pilot CLI allowed to restore and unseal. */
  RESTORE("/spike/pilot/role/restore");

  /** Trust domain used when {@code SPIKE_TRUST_ROOT} ({@link Settings#TRUST_ROOT}) is not set. */
  public static final String DEFAULT_TRUST_DOMAIN =
      Settings.TRUST_ROOT.defaultValue().orElseThrow();

  private final String path;

  Role(String path) {
    this.path = path;
  }

  /** The role's SPIFFE ID path, e.g. {@code /spike/nexus}. */
  public String path() {
    return path;
  }

  /** Whether {@code id} is in {@code trustDomain} and at or under this role's path. */
  public boolean holds(SpiffeId id, String trustDomain) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(trustDomain, "trustDomain");
    return id.memberOf(trustDomain) && id.isUnder(path);
  }

  /** This role's own ID in {@code trustDomain}, e.g. {@code spiffe://spike.ist/spike/nexus}. */
  public SpiffeId id(String trustDomain) {
    return SpiffeId.of(trustDomain, path);
  }

  /** The role {@code id} holds in {@code trustDomain}, or empty for a workload. */
  public static Optional<Role> of(SpiffeId id, String trustDomain) {
    for (Role role : values()) {
      if (role.holds(id, trustDomain)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * The trust domain from {@code SPIKE_TRUST_ROOT}, or {@value #DEFAULT_TRUST_DOMAIN}.
   *
   * @throws SettingException when the variable holds an invalid trust domain name
   */
  public static String trustDomainFromEnv() {
    return trustDomainFrom(System::getenv);
  }

  static String trustDomainFrom(Function<String, String> env) {
    return Environment.of(env).get(Settings.TRUST_ROOT);
  }
}
