package io.spike.server.pipeline;

/**
 * What the pipeline tells the server's metrics. Called on the request thread; must be quick and
 * must not throw.
 */
public interface PipelineObserver {

  /**
   * A request was answered.
   *
   * @param route the route path, or {@code unknown} for a path no route serves
   * @param action the action, or {@code unknown} with an unknown route
   */
  void answered(String route, String action, int status, long nanos);

  /** An audit line could not be written (the request was refused, or its outcome lost). */
  void auditFailed();

  /** Observes nothing. */
  static PipelineObserver none() {
    return new PipelineObserver() {
      @Override
      public void answered(String route, String action, int status, long nanos) {}

      @Override
      public void auditFailed() {}
    };
  }
}
