/**
 * {@code spike policy ...}: create (from flags), apply (from a SPIKE policy file in YAML or JSON),
 * get, list and delete. Policies are checked locally (names, permissions, regular expressions that
 * compile) before they are sent.
 */
package io.spike.pilot.policy;
