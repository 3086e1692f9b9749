package dev.beca.server.mcp.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} and {@code Origin} headers MCP over HTTP accepts: the defence against DNS
 * rebinding the MCP specification requires of HTTP servers. A web page of another site whose name
 * was re-pointed at this server sends its own name in {@code Host} and its own origin in {@code
 * Origin}; neither is one of this server's names, so it is refused.
 *
 * <p>The names of this server:
 *
 * <ul>
 *   <li>the bind address as given ({@code --bind}, e.g. {@code 127.0.0.1}, {@code localhost},
 *       {@code beca.example}) and its IP literal, except a wildcard ({@code 0.0.0.0}, {@code ::}),
 *       which no client connects to by that name;
 *   <li>the loopback names {@code 127.0.0.1}, {@code localhost} and {@code [::1]} when the bind
 *       address is loopback or a wildcard (which listens on loopback too);
 *   <li>the extra host names configured ({@code allowedHosts}): how clients on other machines reach
 *       a server bound to a wildcard or behind a name.
 * </ul>
 *
 * <p>{@code Host} must be one of those names with the port the request came in on (the default port
 * of the scheme, 443 under TLS and 80 otherwise, may be left out). {@code Origin}, when sent, must
 * be one of the configured {@code allowedOrigins} exactly, or the request's own scheme with one of
 * those names and the same port; {@code Origin: null} is refused. A request without {@code Origin}
 * is not from a web page and passes.
 */
public final class RebindingGuard {

  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Set<String> hostNames;
  private final Set<String> allowedOrigins;

  private RebindingGuard(Set<String> hostNames, Set<String> allowedOrigins) {
    this.hostNames = Set.copyOf(hostNames);
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /**
   * The guard of a server bound to an address.
   *
   * @param bind the bind address as given
   * @param address what it resolved to
   * @param allowedHosts further names clients use for this server (no port)
   * @param allowedOrigins further origins ({@code scheme://host[:port]}) whose pages may call
   * @return the guard
   * @throws IllegalArgumentException when an origin is not {@code http(s)://host[:port]}
   */
  public static RebindingGuard of(
      String bind,
      InetAddress address,
      Collection<String> allowedHosts,
      Collection<String> allowedOrigins) {
    Set<String> names = new HashSet<>();
    if (!address.isAnyLocalAddress()) {
      names.add(hostName(bind));
      names.add(hostName(address.getHostAddress()));
    }
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      names.addAll(LOOPBACK_NAMES);
    }
    for (String host : allowedHosts) {
      names.add(hostName(host));
    }
    Set<String> origins = new HashSet<>();
    for (String origin : allowedOrigins) {
      origins.add(origin(origin));
    }
    return new RebindingGuard(names, origins);
  }

  /** The host names accepted in {@code Host} and in same-site origins (lower case, IPv6 in []). */
  public Set<String> hostNames() {
    return hostNames;
  }

  /**
   * Whether a {@code Host} header names this server.
   *
   * @param host the header, or {@code null}
   * @param localPort the port the request came in on
   * @param secure whether it came over TLS
   * @return whether it passes
   */
  public boolean hostAllowed(String host, int localPort, boolean secure) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String hostAndPort = host.strip().toLowerCase(Locale.ROOT);
    String name = hostAndPort;
    int port = secure ? 443 : 80;
    int portAt = hostAndPort.lastIndexOf(':');
    int bracket = hostAndPort.lastIndexOf(']');
    if (portAt > bracket) {
      name = hostAndPort.substring(0, portAt);
      try {
        port = Integer.parseInt(hostAndPort.substring(portAt + 1));
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return port == localPort && hostNames.contains(name);
  }

  /**
   * Whether an {@code Origin} header may call.
   *
   * @param origin the header, or {@code null} when absent
   * @param localPort the port the request came in on
   * @param secure whether it came over TLS
   * @return whether it passes
   */
  public boolean originAllowed(String origin, int localPort, boolean secure) {
    if (origin == null) {
      return true; // not a browser: nothing a rebinding page could send
    }
    String normalised;
    try {
      normalised = origin(origin);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (allowedOrigins.contains(normalised)) {
      return true;
    }
    URI uri = URI.create(normalised);
    String scheme = secure ? "https" : "http";
    int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
    return uri.getScheme().equals(scheme)
        && hostNames.contains(hostName(uri.getHost()))
        && port == localPort;
  }

  /**
   * An origin as browsers send it, lower case, the scheme's default port left out: {@code
   * scheme://host[:port]}, no path.
   *
   * @param origin the origin to check
   * @return it normalised
   * @throws IllegalArgumentException when it is not one ({@code null} included)
   */
  public static String origin(String origin) {
    if (origin == null) {
      throw new IllegalArgumentException("an origin is needed, e.g. https://app.example");
    }
    try {
      URI uri = new URI(origin.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean bare =
          (uri.getPath() == null || uri.getPath().isEmpty())
              && uri.getQuery() == null
              && uri.getFragment() == null
              && uri.getUserInfo() == null;
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
        throw new IllegalArgumentException(
            "'"
                + origin
                + "' is not an origin: give scheme://host[:port], e.g. https://app.example");
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      int defaultPort = scheme.equals("https") ? 443 : 80;
      boolean explicitPort = uri.getPort() >= 0 && uri.getPort() != defaultPort;
      return scheme + "://" + host + (explicitPort ? ":" + uri.getPort() : "");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + origin + "' is not an origin: give scheme://host[:port], e.g. https://app.example",
          e);
    }
  }

  /** A host name or address as it appears in {@code Host}: lower case, an IPv6 address in []. */
  private static String hostName(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    int zone = name.indexOf('%');
    if (zone >= 0 && name.contains(":")) {
      name = name.substring(0, zone) + (name.startsWith("[") ? "]" : "");
    }
    if (name.contains(":") && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    return name;
  }
}
