/**
 * Wire records, one per request and response body of DESIGN section 3. Field names are SPIKE's.
 * Records that carry secret material (plaintexts, shards, passwords) override {@code toString} so
 * that it never prints them.
 */
package io.spike.api.wire;
