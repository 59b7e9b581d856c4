package io.spike.pilot.snapshot;

import io.spike.pilot.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code spike snapshot}: take, check, verify and restore snapshots of the store. */
@Command(
    name = "snapshot",
    description = {
      "Take, check, verify and restore snapshots of the store (ciphertext only).",
      "save: online from Nexus, or offline with --store. inspect: checksums, no key.",
      "verify: signature and every record, by Nexus or offline with --shards;",
      "unsigned is not verified. restore: offline, into an empty store of either",
      "backend, once the signature is checked (--shards D, or by Nexus); an unsigned",
      "snapshot needs --allow-unsigned."
    },
    subcommands = {
      SnapshotSave.class,
      SnapshotInspect.class,
      SnapshotVerify.class,
      SnapshotRestore.class
    })
public final class SnapshotCommand extends CommandGroup {}
