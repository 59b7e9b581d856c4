/**
 * {@code spike audit}: checks of the Nexus audit log's hash chain (DESIGN §9), in a file and in the
 * segments Nexus shipped to a backup target.
 */
package io.spike.pilot.audit;
