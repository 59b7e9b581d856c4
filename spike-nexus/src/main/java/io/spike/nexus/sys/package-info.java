/**
 * System routes: {@code /v1/sys/status} (any identity of the trust domain, also while sealed) and
 * {@code /v1/bootstrap/verify} (bootstrap only, once unsealed).
 */
package io.spike.nexus.sys;
