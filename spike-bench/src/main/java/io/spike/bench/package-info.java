/**
 * The benchmark suite ({@code ./bench}): secret get/put over mTLS beside a bare Jetty endpoint and
 * a bare SQLite commit loop, Nexus time to ready after a restart beside opening the store and
 * counting rows, and snapshot save/inspect/restore beside copying the database file. Every figure
 * is measured in the same run as its baseline; results go to {@code bench-results/results.json} and
 * {@code BENCHMARKS.md}. Nothing here asserts a wall-clock time.
 */
package io.spike.bench;
