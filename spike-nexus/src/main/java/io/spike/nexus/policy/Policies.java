package io.spike.nexus.policy;

import io.spike.api.Json;
import io.spike.api.Names;
import io.spike.api.wire.Policy;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.crypto.SecretBytes;
import io.spike.nexus.barrier.Barrier;
import io.spike.nexus.barrier.Places;
import io.spike.nexus.refusal.Refusal;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Policies in the store, encrypted with associated data {@code policy|<name>}.
 *
 * <p>Contract: {@link #put} upserts by name (keeping the first creation time) after checking the
 * name ({@link Names}), both patterns ({@link PolicyPatterns}: RE2 syntax, bounded size and
 * complexity) and the permissions (at least one, each of {@code read, write, list, execute,
 * super}); anything else is 400. {@link #get} and {@link #delete} of an unknown name are 404.
 * {@link #list} filters on pattern equality and is sorted by name.
 */
public record Policies(SpikeStore store, Barrier barrier, Clock clock) {

  public Policies {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(barrier, "barrier");
    Objects.requireNonNull(clock, "clock");
  }

  /** Creates or replaces the policy; returns its id (its name). */
  public String put(PolicyPutRequest request) {
    String name = requireName(request.name());
    PolicyPatterns.require("spiffeidPattern", request.spiffeidPattern());
    PolicyPatterns.require("pathPattern", request.pathPattern());
    List<String> permissions = requirePermissions(request.permissions());
    StoredPolicy policy =
        new StoredPolicy(
            name,
            request.spiffeidPattern(),
            request.pathPattern(),
            permissions,
            read(name).map(StoredPolicy::createdAt).orElse(clock.instant()));
    byte[] plain = Json.encode(policy);
    try {
      store.putPolicy(new PolicyRecord(name, barrier.encrypt(plain, place(name))));
    } finally {
      SecretBytes.wipe(plain);
    }
    return name;
  }

  public Policy get(String id) {
    StoredPolicy policy =
        read(requireName(id)).orElseThrow(() -> Refusal.notFound("no such policy"));
    return policy.toWire(CompiledPolicy.enforced(policy));
  }

  public void delete(String id) {
    if (!store.deletePolicy(requireName(id))) {
      throw Refusal.notFound("no such policy");
    }
  }

  public List<PolicyListResponse.Summary> list(PolicyListRequest filter) {
    List<PolicyListResponse.Summary> out = new ArrayList<>();
    for (StoredPolicy policy : all()) {
      if (filter.spiffeidPattern().map(policy.spiffeidPattern()::equals).orElse(true)
          && filter.pathPattern().map(policy.pathPattern()::equals).orElse(true)) {
        out.add(new PolicyListResponse.Summary(policy.name(), policy.name()));
      }
    }
    return out;
  }

  /**
   * Moves every policy stored under an older data-key term to the newest one (compare-and-set: a
   * policy replaced meanwhile is already on the newest term). Returns how many moved.
   */
  public int reencrypt() {
    int term = barrier.currentTerm();
    int moved = 0;
    for (PolicyRecord row : store.policies()) {
      if (Barrier.termOf(row.ciphertext()) >= term) {
        continue;
      }
      byte[] plain = barrier.decryptRecord(row.ciphertext(), place(row.name()));
      try {
        if (store.replacePolicy(
            row.name(), row.ciphertext(), barrier.encrypt(plain, place(row.name())))) {
          moved++;
        }
      } finally {
        SecretBytes.wipe(plain);
      }
    }
    return moved;
  }

  /** The store's policy generation (grows with every change, by any replica). */
  long generation() {
    return store.policyGeneration();
  }

  /** Every policy, compiled. */
  List<CompiledPolicy> compileAll() {
    return all().stream().map(CompiledPolicy::of).toList();
  }

  private List<StoredPolicy> all() {
    return store.policies().stream().map(this::open).toList();
  }

  private Optional<StoredPolicy> read(String name) {
    return store.policy(name).map(this::open);
  }

  private StoredPolicy open(PolicyRecord row) {
    byte[] plain = barrier.decryptRecord(row.ciphertext(), place(row.name()));
    try {
      return Json.decode(plain, StoredPolicy.class);
    } catch (Json.JsonException e) {
      throw new IllegalStateException(
          "stored policy '" + row.name() + "' decrypted but is malformed");
    } finally {
      SecretBytes.wipe(plain);
    }
  }

  private static String place(String name) {
    return Places.policy(name);
  }

  private static String requireName(String name) {
    Names.nameProblem(name)
        .ifPresent(
            problem -> {
              throw Refusal.invalid(problem);
            });
    return name;
  }

  private static List<String> requirePermissions(List<String> permissions) {
    if (permissions.isEmpty()) {
      throw Refusal.invalid(
          "permissions must name at least one of read, write, list, execute, super");
    }
    Set<Permission> set = EnumSet.noneOf(Permission.class);
    for (String p : permissions) {
      set.add(
          Permission.fromWire(p)
              .orElseThrow(
                  () ->
                      Refusal.invalid(
                          "unknown permission; use read, write, list, execute or super")));
    }
    return set.stream().map(Permission::wire).toList();
  }
}
