package io.spike.pilot.drill;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports nothing listens on, picked by binding port 0. All sockets stay open until every
 * port is picked, so the ports are distinct; another process could still take one before the
 * scratch Nexus binds it, which then fails the drill with a message (it never goes unnoticed).
 */
final class FreePorts {
  private FreePorts() {}

  static int[] pick(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
