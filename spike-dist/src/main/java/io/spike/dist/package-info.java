/**
 * The distribution's own code: {@link io.spike.dist.ImageMain}, the single entry point of the
 * container image, which picks Nexus, a keeper, bootstrap or the CLI by its first argument.
 */
package io.spike.dist;
