package io.spike.server.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Routes by path and {@code ?action=} (the default action is the empty string). Built once at
 * start-up, read-only afterwards.
 */
public final class RouteTable {
  private final Map<String, Map<String, Route<?>>> routes;

  private RouteTable(Map<String, Map<String, Route<?>>> routes) {
    this.routes = routes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether any action is registered for {@code path}. */
  public boolean knows(String path) {
    return routes.containsKey(path);
  }

  /** The route for {@code path} and {@code action}, if registered. */
  public Optional<Route<?>> find(String path, String action) {
    Map<String, Route<?>> actions = routes.get(path);
    return actions == null ? Optional.empty() : Optional.ofNullable(actions.get(action));
  }

  /**
   * Every registered path with its actions, sorted (the default action is the empty string); for
   * checks such as "every route is documented".
   */
  public Map<String, Set<String>> actionsByPath() {
    Map<String, Set<String>> out = new TreeMap<>();
    routes.forEach((path, actions) -> out.put(path, new TreeSet<>(actions.keySet())));
    return out;
  }

  /** Collects routes; a path and action pair may be registered once. */
  public static final class Builder {
    private final Map<String, Map<String, Route<?>>> routes = new HashMap<>();

    private Builder() {}

    public Builder add(String path, String action, Route<?> route) {
      Route<?> previous =
          routes.computeIfAbsent(path, p -> new HashMap<>()).putIfAbsent(action, route);
      if (previous != null) {
        throw new IllegalStateException("route registered twice: " + path + "?action=" + action);
      }
      return this;
    }

    public RouteTable build() {
      Map<String, Map<String, Route<?>>> frozen = new HashMap<>();
      routes.forEach((path, actions) -> frozen.put(path, Map.copyOf(actions)));
      return new RouteTable(Map.copyOf(frozen));
    }
  }
}
