/**
 * Backup targets: where snapshots, change-log segments and audit segments go (a local directory or
 * S3-compatible object storage), behind one interface of named, immutable objects.
 */
package io.spike.store.target;
