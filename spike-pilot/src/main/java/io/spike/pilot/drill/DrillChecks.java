package io.spike.pilot.drill;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.api.wire.SecretGetResponse;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.store.snapshot.SnapshotCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads everything back from the scratch Nexus as the superuser and counts it against the
 * snapshot's header: every secret path the snapshot holds, each one's metadata, every live version
 * (Nexus decrypts it, so a 200 proves the ciphertext opens), and every policy.
 *
 * <p>Soft-deleted versions cannot be read (404 by design) but are still stored and counted in the
 * header, so versions are counted from the metadata, which names live and deleted ones alike.
 * Values read are dropped at once; failures name path, version or policy, never a value.
 */
final class DrillChecks {
  static final int MAX_PLACES = 10;

  /** The counts served and the checks made. */
  record Outcome(DrillReport.Found found, List<DrillReport.Check> checks) {}

  private DrillChecks() {}

  /**
   * Checks the scratch Nexus against the snapshot. {@code snapshotPaths} are the secret paths the
   * snapshot holds: they, not {@code secret list}, say what to read, because list leaves out a path
   * whose every version is soft-deleted, and such a path is still a record that must come back.
   */
  static Outcome run(NexusClient nexus, SnapshotCounts expected, List<String> snapshotPaths) {
    List<DrillReport.Check> checks = new ArrayList<>();
    List<String> paths = List.copyOf(snapshotPaths);
    checks.add(
        new DrillReport.Check(
            "snapshot paths",
            paths.size() == expected.secrets(),
            paths.size()
                + " paths in the snapshot's records, its header says "
                + expected.secrets()));
    List<String> listed;
    try {
      listed = nexus.listSecrets();
    } catch (ApiException | ApiUnreachableException e) {
      checks.add(new DrillReport.Check("secrets listed", false, "list failed: " + cause(e)));
      return new Outcome(DrillReport.Found.NONE, checks);
    }
    List<String> strangers = listed.stream().filter(p -> !paths.contains(p)).toList();
    checks.add(
        new DrillReport.Check(
            "secrets listed",
            strangers.isEmpty(),
            listed.size()
                + " live paths listed"
                + (strangers.isEmpty()
                    ? ", all in the snapshot"
                    : places(strangers.stream().map(p -> p + ": not in the snapshot").toList()))));

    long versions = 0;
    long live = 0;
    long liveRead = 0;
    List<String> metadataFailures = new ArrayList<>();
    List<String> readFailures = new ArrayList<>();
    for (String path : paths) {
      SecretMetadataResponse meta;
      try {
        meta = nexus.secretMetadata(path, 0);
      } catch (ApiException | ApiUnreachableException e) {
        metadataFailures.add(path + ": " + cause(e));
        continue;
      }
      versions += meta.versions().size();
      for (SecretMetadataResponse.VersionInfo v : meta.versions().values()) {
        if (v.deletedTime().isPresent()) {
          continue;
        }
        live++;
        try {
          SecretGetResponse got = nexus.getSecret(path, v.version());
          if (got.version() == v.version()) {
            liveRead++;
          } else {
            readFailures.add(
                path + " v" + v.version() + ": Nexus answered version " + got.version());
          }
        } catch (ApiException | ApiUnreachableException e) {
          readFailures.add(path + " v" + v.version() + ": " + cause(e));
        }
      }
    }
    checks.add(
        new DrillReport.Check(
            "metadata decrypts",
            metadataFailures.isEmpty(),
            (paths.size() - metadataFailures.size())
                + " of "
                + paths.size()
                + " read"
                + places(metadataFailures)));
    checks.add(
        new DrillReport.Check(
            "live versions decrypt",
            readFailures.isEmpty(),
            liveRead + " of " + live + " live versions read" + places(readFailures)));
    checks.add(
        new DrillReport.Check(
            "version count",
            versions == expected.versions(),
            versions
                + " versions in metadata (live and soft-deleted), the snapshot holds "
                + expected.versions()));

    long policies = 0;
    List<String> policyFailures = new ArrayList<>();
    List<PolicyListResponse.Summary> policyList;
    try {
      policyList = nexus.listPolicies(PolicyListRequest.all()).policies();
    } catch (ApiException | ApiUnreachableException e) {
      checks.add(new DrillReport.Check("policies decrypt", false, "list failed: " + cause(e)));
      return new Outcome(new DrillReport.Found(paths.size(), versions, liveRead, 0), checks);
    }
    for (PolicyListResponse.Summary p : policyList) {
      try {
        nexus.getPolicy(p.id());
        policies++;
      } catch (ApiException | ApiUnreachableException e) {
        policyFailures.add(p.name() + ": " + cause(e));
      }
    }
    checks.add(
        new DrillReport.Check(
            "policies decrypt",
            policyFailures.isEmpty(),
            policies + " of " + policyList.size() + " read" + places(policyFailures)));
    checks.add(
        new DrillReport.Check(
            "policy count",
            policies == expected.policies(),
            policies + " read, the snapshot holds " + expected.policies()));
    return new Outcome(new DrillReport.Found(paths.size(), versions, liveRead, policies), checks);
  }

  private static String places(List<String> failures) {
    if (failures.isEmpty()) {
      return "";
    }
    List<String> shown = failures.subList(0, Math.min(MAX_PLACES, failures.size()));
    return "; failed: "
        + String.join("; ", shown)
        + (failures.size() > shown.size()
            ? "; and " + (failures.size() - shown.size()) + " more"
            : "");
  }

  private static String cause(RuntimeException e) {
    if (e instanceof ApiException api) {
      return api.code().wire() + " (HTTP " + api.status() + ")";
    }
    return "Nexus did not answer";
  }
}
