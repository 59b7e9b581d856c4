/**
 * The audit log (DESIGN §9): one hash-chained JSON line per API request that reached
 * authorization, written before the response leaves, and its anchor in the store.
 */
package io.spike.nexus.audit;
