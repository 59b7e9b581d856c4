/**
 * Continuous change-log shipping: {@link io.spike.nexus.changelog.ChangeShipper} moves the store's
 * outbox of committed changes to the backup target as verified segments ({@code changes/<log
 * id>/...}), so a snapshot plus the log restores to a point in time.
 */
package io.spike.nexus.changelog;
