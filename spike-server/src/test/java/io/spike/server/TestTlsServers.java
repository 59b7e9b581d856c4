package io.spike.server;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/** The TLS servers the tests of this package start: loopback, a free port, a small pool. */
final class TestTlsServers {
  private TestTlsServers() {}

  /** A TLS server (not started yet) on {@code 127.0.0.1}, a free port, 8 test threads. */
  static Server on(SSLContext ssl, Handler handler) {
    return JettyServers.tls(new JettyServers.Threads("test", 8, 2), "127.0.0.1", 0, ssl, handler);
  }

  /** A handler that answers 404 to everything at once, reading nothing. */
  static Handler notFound() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(404);
        callback.succeeded();
        return true;
      }
    };
  }
}
