package io.spike.api.wire;

import java.util.List;

/**
 * Progress of a re-encryption pass.
 *
 * @param term the newest data-key term, which every moved record now uses
 * @param scanned secret paths looked at so far in this pass
 * @param total secret paths when the pass started
 * @param moved records (secret metadata, versions, policies) moved to {@code term} in this pass
 * @param done whether the pass is complete (the next call starts a new one)
 * @param retiredTerms terms dropped from the keyring at the end of this pass, if asked
 */
public record ReencryptResponse(
    int term, long scanned, long total, long moved, boolean done, List<Integer> retiredTerms) {
  public ReencryptResponse {
    retiredTerms = retiredTerms == null ? List.of() : List.copyOf(retiredTerms);
  }
}
