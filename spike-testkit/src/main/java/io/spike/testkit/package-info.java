/**
 * Test helpers that every module shares, used at {@code test} scope: {@link
 * io.spike.testkit.LogCapture} (captures Logback and {@code java.util.logging} events and asserts
 * no secret reached them), {@link io.spike.testkit.MainRun} (runs a component's {@code main} in a
 * fresh JVM with a given environment and returns its exit code and output) and {@link
 * io.spike.testkit.Closer} (closes what a test class opened, skipping what never opened) and {@link
 * io.spike.testkit.S3rverExtension} (a real S3-compatible server, s3rver from npm, for a test
 * class).
 *
 * <p>The kit depends on no spike module, so every module can use it without a reactor cycle.
 * Helpers that need a spike type live in that module's test-jar instead (for example the recording
 * visitor of spike-store's tests).
 */
package io.spike.testkit;
