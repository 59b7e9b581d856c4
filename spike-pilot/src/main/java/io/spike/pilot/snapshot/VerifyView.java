package io.spike.pilot.snapshot;

import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.crypto.ShardSearch;
import io.spike.store.snapshot.SnapshotCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code spike snapshot verify} found, as data and as text: who decrypted (Nexus, or this CLI
 * with a root key rebuilt from shards), the HMAC, how many records opened against the header's
 * counts, and the problems by record place. An unsigned snapshot is never {@code ok}, whatever the
 * verifier said (a Nexus older than this rule answered {@code ok} for it): nothing proves who wrote
 * it ({@link SnapshotTrust#UNSIGNED}).
 *
 * @param file the snapshot file
 * @param verifiedBy {@code shards} (offline) or {@code nexus}
 * @param ok whether every check passed
 * @param signed whether the snapshot carries an HMAC (checked when so)
 * @param secrets secret metadata records that decrypted
 * @param versions versions that decrypted
 * @param policies policies that decrypted
 * @param expected the header's counts
 * @param shardIds offline: the shards that rebuilt the root key (their number is the threshold)
 * @param problems what failed; empty when ok
 */
record VerifyView(
    String file,
    String verifiedBy,
    boolean ok,
    boolean signed,
    long secrets,
    long versions,
    long policies,
    SnapshotCounts expected,
    List<Integer> shardIds,
    List<String> problems) {

  VerifyView {
    shardIds = List.copyOf(shardIds);
    problems = List.copyOf(problems);
  }

  static VerifyView offline(
      Path file, SnapshotCounts expected, ShardSearch.Found key, OfflineVerifier.Result r) {
    return new VerifyView(
        file.toString(),
        "shards",
        r.ok(),
        r.signed(),
        r.secrets(),
        r.versions(),
        r.policies(),
        expected,
        key.shardIds(),
        r.problems());
  }

  static VerifyView byNexus(Path file, SnapshotCounts expected, SnapshotVerifyResponse r) {
    List<String> problems = r.problems();
    if (!r.signed() && problems.stream().noneMatch(p -> p.startsWith("unsigned"))) {
      problems = new ArrayList<>(problems);
      problems.add(0, SnapshotTrust.UNSIGNED);
    }
    return new VerifyView(
        file.toString(),
        "nexus",
        r.ok() && r.signed(),
        r.signed(),
        r.secrets(),
        r.versions(),
        r.policies(),
        expected,
        List.of(),
        problems);
  }

  String human(Optional<String> nexusUrl) {
    StringBuilder b = new StringBuilder();
    b.append("snapshot:  ").append(file).append('\n');
    if (verifiedBy.equals("shards")) {
      b.append("verified:  offline; root key rebuilt from shards ")
          .append(shardIds.stream().map(String::valueOf).collect(Collectors.joining(", ")))
          .append(" (threshold ")
          .append(shardIds.size())
          .append(")\n");
    } else {
      b.append("verified:  by Nexus").append(nexusUrl.map(u -> " at " + u).orElse("")).append('\n');
    }
    boolean hmacBad = problems.stream().anyMatch(p -> p.startsWith("hmac"));
    b.append("signed:    ")
        .append(
            !signed
                ? "no: nothing proves who wrote it (restore needs --allow-unsigned)"
                : hmacBad ? "yes, but the HMAC does not match" : "yes, HMAC matches")
        .append('\n');
    b.append("decrypted: ")
        .append(secrets)
        .append(" of ")
        .append(expected.secrets())
        .append(" secrets, ")
        .append(versions)
        .append(" of ")
        .append(expected.versions())
        .append(" versions, ")
        .append(policies)
        .append(" of ")
        .append(expected.policies())
        .append(" policies\n");
    if (!problems.isEmpty()) {
      b.append("problems:\n");
      problems.forEach(p -> b.append("  - ").append(p).append('\n'));
    }
    b.append(ok ? "ok\n" : "FAILED\n");
    return b.toString();
  }

  /** The one-line refusal when not ok. */
  String failure() {
    String more =
        problems.size() > 1
            ? " ("
                + (problems.size() - 1)
                + " more problem"
                + (problems.size() > 2 ? "s" : "")
                + " listed above)"
            : "";
    if (!signed) {
      return "snapshot "
          + file
          + " is NOT verified: "
          + SnapshotTrust.UNSIGNED
          + more
          + "; "
          + SnapshotTrust.SIGN_HINT;
    }
    String first =
        problems.isEmpty() ? "the verifier reported a failure without details" : problems.get(0);
    return "snapshot " + file + " failed verification: " + first + more + "; use an older snapshot";
  }
}
