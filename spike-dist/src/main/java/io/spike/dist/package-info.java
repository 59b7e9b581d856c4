/**
 * The distribution's own code: {@link io.spike.dist.ImageMain}, the single entry point of the
 * container image, which picks Nexus, a keeper, bootstrap or the CLI by its first argument; and
 * {@link io.spike.dist.CdsTraining}, the training run behind the CLI's class-data-sharing archive.
 */
package io.spike.dist;
