/**
 * Policies and authorization (DESIGN §4).
 *
 * <p>A policy grants permissions ({@code read, write, list, execute, super}) to callers whose
 * SPIFFE ID matches {@code spiffeidPattern} on secret paths matching {@code pathPattern}. Both
 * are Java regular expressions matched as SPIKE matches them (Go's {@code MatchString}): a match
 * anywhere in the text, so write {@code ^...$} to anchor. Policies are stored encrypted
 * (associated data {@code policy|<name>}); {@link io.spike.nexus.policy.Authorizer} compiles them
 * once per change of the store's policy generation, never per request.
 */
package io.spike.nexus.policy;
