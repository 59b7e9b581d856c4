/**
 * The operations port (plain HTTP, loopback by default): {@code GET /healthz} (200 while the
 * process lives), {@code GET /readyz} (200 unsealed, 503 sealed) and {@code GET /metrics}
 * (Prometheus text from Micrometer). Nothing here needs or shows a secret.
 */
package io.spike.nexus.ops;
