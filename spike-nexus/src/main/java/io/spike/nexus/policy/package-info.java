/**
 * Policies and authorization.
 *
 * <p>A policy grants permissions ({@code read, write, list, execute, super}) to callers whose whole
 * SPIFFE ID matches {@code spiffeidPattern} on secret paths whose whole text matches {@code
 * pathPattern}. Both are RE2 expressions (RE2/J: linear-time matching), matched as whole strings,
 * not searched for as SPIKE does. The reserved system paths ({@code spike/system/acl}, {@code
 * spike/system/secret}, {@code spike/system/cipher/exec}) are granted only by a policy whose path
 * pattern names them literally. Policies are stored encrypted (associated data {@code
 * policy|<name>}); {@link io.spike.nexus.policy.Authorizer} compiles them once per change of the
 * store's policy generation, never per request.
 */
package io.spike.nexus.policy;
