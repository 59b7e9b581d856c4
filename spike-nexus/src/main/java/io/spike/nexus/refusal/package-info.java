/**
 * {@link io.spike.nexus.refusal.Refusal}: how the domain packages of Nexus say no without speaking
 * HTTP.
 */
package io.spike.nexus.refusal;
