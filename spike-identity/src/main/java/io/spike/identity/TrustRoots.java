package io.spike.identity;

import io.spike.config.Environment;
import io.spike.config.Setting;
import io.spike.config.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which trust domains hold which SPIKE role: the one place that decides whether a SPIFFE ID is
 * Nexus, a keeper, bootstrap, an operator role or a workload.
 *
 * <p>An ID holds a role when its trust domain is in that role's list and its path is the role's
 * path or under it (see {@link Role}). The lists are {@code SPIKE_TRUST_ROOT_NEXUS}, {@code
 * _KEEPER}, {@code _PILOT} (superuser, recover and restore) and {@code _BOOTSTRAP}, as upstream
 * SPIKE names them; each defaults to {@code SPIKE_TRUST_ROOT}. Workloads (policy subjects) are the
 * IDs of {@code SPIKE_TRUST_ROOT} that are not under any role path, in any domain: an ID such as
 * {@code spiffe://workloads/spike/nexus} whose domain is not allowed for Nexus is neither Nexus nor
 * a workload, so a policy can never hand it anything.
 *
 * @param workloads {@code SPIKE_TRUST_ROOT}: the trust domain of workloads
 * @param nexus trust domains of Nexus IDs
 * @param keeper trust domains of keeper IDs
 * @param pilot trust domains of the operator (pilot) role IDs
 * @param bootstrap trust domains of bootstrap IDs
 */
public record TrustRoots(
    String workloads,
    List<String> nexus,
    List<String> keeper,
    List<String> pilot,
    List<String> bootstrap) {

  /** Validates every name; lists must not be empty. */
  public TrustRoots {
    Objects.requireNonNull(workloads, "workloads");
    SpiffeId.validateTrustDomain(workloads);
    nexus = checked(nexus, "nexus");
    keeper = checked(keeper, "keeper");
    pilot = checked(pilot, "pilot");
    bootstrap = checked(bootstrap, "bootstrap");
  }

  /** Every role and the workloads in the one trust domain {@code trustDomain}. */
  public static TrustRoots single(String trustDomain) {
    List<String> one = List.of(trustDomain);
    return new TrustRoots(trustDomain, one, one, one, one);
  }

  /**
   * The lists as {@code env} sets them: {@code SPIKE_TRUST_ROOT} and the four {@code
   * SPIKE_TRUST_ROOT_*} lists, each defaulting to {@code SPIKE_TRUST_ROOT}.
   *
   * @throws io.spike.config.SettingException naming the variable and the position of a bad entry
   */
  public static TrustRoots from(Environment env) {
    return from(env, env.get(Settings.TRUST_ROOT));
  }

  /**
   * As {@link #from(Environment)}, but when {@code SPIKE_TRUST_ROOT} is unset the workloads and the
   * unset lists are in {@code source}'s own trust domain (the CLI and bootstrap: they talk to a
   * Nexus of their own domain unless told otherwise).
   */
  public static TrustRoots from(Environment env, SvidSource source) {
    return from(env, env.find(Settings.TRUST_ROOT).orElse(source.trustDomain()));
  }

  private static TrustRoots from(Environment env, String workloads) {
    Function<Setting<List<String>>, List<String>> list =
        setting -> env.find(setting).orElse(List.of(workloads));
    return new TrustRoots(
        workloads,
        list.apply(Settings.TRUST_ROOT_NEXUS),
        list.apply(Settings.TRUST_ROOT_KEEPER),
        list.apply(Settings.TRUST_ROOT_PILOT),
        list.apply(Settings.TRUST_ROOT_BOOTSTRAP));
  }

  /** {@link #from(Environment)} on the process environment. */
  public static TrustRoots fromEnv() {
    return from(Environment.system());
  }

  /** The trust domains whose IDs may hold {@code role}. */
  public List<String> domains(Role role) {
    return switch (role) {
      case NEXUS -> nexus;
      case KEEPER -> keeper;
      case BOOTSTRAP -> bootstrap;
      case SUPERUSER, RECOVER, RESTORE -> pilot;
    };
  }

  /** Whether {@code id} holds {@code role}: an allowed trust domain and the role's path. */
  public boolean holds(Role role, SpiffeId id) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(id, "id");
    return domains(role).contains(id.trustDomain()) && id.isUnder(role.path());
  }

  /** The role {@code id} holds, if any. */
  public Optional<Role> roleOf(SpiffeId id) {
    for (Role role : Role.values()) {
      if (holds(role, id)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code id} is a workload (a policy subject): in {@link #workloads()} and under no role
   * path at all.
   */
  public boolean isWorkload(SpiffeId id) {
    if (!id.memberOf(workloads)) {
      return false;
    }
    for (Role role : Role.values()) {
      if (id.isUnder(role.path())) {
        return false;
      }
    }
    return true;
  }

  /** A predicate holding for IDs that hold {@code role}. */
  public Predicate<SpiffeId> role(Role role) {
    Objects.requireNonNull(role, "role");
    return id -> holds(role, id);
  }

  /**
   * Every trust domain named here, workloads first: the domains a TLS peer may come from (its chain
   * must still validate against the bundle of its own domain).
   */
  public Set<String> all() {
    Set<String> all = new LinkedHashSet<>();
    all.add(workloads);
    all.addAll(nexus);
    all.addAll(keeper);
    all.addAll(pilot);
    all.addAll(bootstrap);
    return Collections.unmodifiableSet(all);
  }

  private static List<String> checked(List<String> domains, String what) {
    Objects.requireNonNull(domains, what);
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("no trust domain for " + what);
    }
    List<String> out = new ArrayList<>();
    for (String domain : domains) {
      SpiffeId.validateTrustDomain(Objects.requireNonNull(domain, what));
      if (!out.contains(domain)) {
        out.add(domain);
      }
    }
    return List.copyOf(out);
  }
}
