/**
 * The audit log: two hash-chained JSON lines per attributable API request (a request line written
 * before the route runs, an outcome line before the answer leaves), and its anchor in the store.
 */
package io.spike.nexus.audit;
