package dev.beca.models;

import dev.beca.core.NotFoundException;
import dev.beca.core.model.ModelServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model servers BECA is configured with, by name; the first one configured is the default, used
 * wherever no server is named. Immutable; made by {@link ModelManager.Builder}.
 */
public final class ModelServers {

  private final Map<String, ModelServer> byName;
  private final String defaultName;

  ModelServers(Map<String, ModelServer> servers) {
    if (servers.isEmpty()) {
      throw new IllegalStateException("at least one server must be added");
    }
    this.byName = new LinkedHashMap<>(servers);
    this.defaultName = servers.keySet().iterator().next();
  }

  /** Every server, the default first, then the others by name. */
  public List<ModelServer> all() {
    List<ModelServer> list = new ArrayList<>();
    list.add(byName.get(defaultName));
    byName.values().stream()
        .filter(s -> !s.name().equals(defaultName))
        .sorted(Comparator.comparing(ModelServer::name))
        .forEach(list::add);
    return list;
  }

  /** The name of the server used when none is named. */
  public String defaultName() {
    return defaultName;
  }

  /** Whether a server of that name is configured. */
  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /**
   * A server by name.
   *
   * @param name the name, or {@code null} (or blank) for the default server
   * @return the server
   * @throws NotFoundException when no server has that name
   */
  public ModelServer get(String name) {
    if (name == null || name.isBlank()) {
      return byName.get(defaultName);
    }
    ModelServer server = byName.get(name);
    if (server == null) {
      throw new NotFoundException(
          "There is no model server named '" + name + "'.",
          "Configured servers: " + String.join(", ", byName.keySet()) + ".");
    }
    return server;
  }

  @Override
  public String toString() {
    return byName.keySet() + ", default " + defaultName;
  }
}
