/**
 * What the operations port shows ({@link io.spike.nexus.http.OpsHandler} serves it): the metrics
 * registry ({@link io.spike.nexus.ops.NexusMetrics}), per-request metrics, and the store's
 * condition as the API saw it ({@link io.spike.nexus.ops.StoreCondition}). Nothing here needs or
 * shows a secret.
 */
package io.spike.nexus.ops;
