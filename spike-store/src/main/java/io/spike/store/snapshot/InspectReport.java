package io.spike.store.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SnapshotReader#inspect} found, without any key.
 *
 * @param ok every checksum matches and the structure is sound
 * @param header the header, when its section was intact (also on a file damaged further on)
 * @param sectionDigests SHA-256 (lowercase hex) of each section's payload that checked out, by
 *     section name in file order ({@code header}, {@code system}, {@code secrets}, {@code
 *     versions}, {@code policies}, {@code end})
 * @param fileDigest the whole-file SHA-256 from the trailer (lowercase hex) when it checked out,
 *     else the empty string
 * @param damagedSection the first damaged section ({@code header} … {@code end}, {@code trailer});
 *     empty when ok
 * @param problem what is wrong there, e.g. {@code truncated} or {@code checksum mismatch}; empty
 *     when ok
 */
public record InspectReport(
    boolean ok,
    Optional<SnapshotHeader> header,
    Map<String, String> sectionDigests,
    String fileDigest,
    Optional<String> damagedSection,
    Optional<String> problem) {

  public InspectReport {
    Objects.requireNonNull(header, "header");
    sectionDigests = Collections.unmodifiableMap(new LinkedHashMap<>(sectionDigests));
    Objects.requireNonNull(fileDigest, "fileDigest");
    Objects.requireNonNull(damagedSection, "damagedSection");
    Objects.requireNonNull(problem, "problem");
    if (ok != damagedSection.isEmpty() || ok != problem.isEmpty()) {
      throw new IllegalArgumentException("a report is ok exactly when it names no damage");
    }
  }
}
