/**
 * The one request pipeline of Nexus and the keepers ({@link io.spike.server.pipeline.Pipeline}):
 * its stages, each a small class, the route contract ({@link io.spike.server.pipeline.Route},
 * {@link io.spike.server.pipeline.Guard}, {@link io.spike.server.pipeline.Reply}), and the
 * interfaces a server plugs in: its {@link io.spike.server.pipeline.AuditTrail}, its {@link
 * io.spike.server.pipeline.FailureMapping} and its {@link
 * io.spike.server.pipeline.PipelineObserver}. The audit promise holds by construction: the route
 * runs only after its audit request line is written.
 */
package io.spike.server.pipeline;
