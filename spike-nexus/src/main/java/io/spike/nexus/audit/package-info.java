/**
 * The audit log: two hash-chained JSON lines per attributable API request (a request line written
 * before the route runs, an outcome line before the answer leaves), its anchor in the store, and
 * its shipping to the backup target as immutable segments ({@link
 * io.spike.nexus.audit.AuditShipper}); a new log continues the shipped chain.
 */
package io.spike.nexus.audit;
