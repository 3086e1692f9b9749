package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.beca.core.limits.RateLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS-rebinding defence of {@code /mcp} over real HTTP: which {@code Host} and {@code Origin}
 * headers a server bound to loopback, and one bound to another address of this machine, accepts.
 * Requests go over raw sockets, since the JDK client does not let a caller set {@code Host}.
 */
class McpHostAndOriginTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  @TempDir Path dataDir;
  @TempDir Path project;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private void serve(Consumer<BecaServer.Builder> settings) {
    fixture =
        new ServerFixture(
            dataDir,
            RateLimits::unlimited,
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) ->
                settings.accept(
                    builder.mcpTools(role -> ServerFixture.memoryTools(kb, project, role))));
  }

  @Test
  void onLoopbackTheLoopbackNamesWithTheServersPortAreTheOnlyHosts() throws Exception {
    serve(builder -> {});
    int port = fixture.address.getPort();
    String from = "127.0.0.1";

    assertThat(status(from, "127.0.0.1:" + port, null)).isEqualTo(200);
    assertThat(status(from, "localhost:" + port, null)).isEqualTo(200);
    assertThat(status(from, "LOCALHOST:" + port, null)).isEqualTo(200);
    assertThat(status(from, "[::1]:" + port, null)).isEqualTo(200);
    assertThat(status(from, "evil.example:" + port, null)).isEqualTo(403);
    assertThat(status(from, "127.0.0.1", null)).as("no port means 80").isEqualTo(403);
    assertThat(status(from, "localhost:" + (port + 1), null)).isEqualTo(403);
    assertThat(status(from, "0.0.0.0:" + port, null)).isEqualTo(403);
    assertThat(status(from, "localhost:x", null)).as("Jetty refuses it itself").isEqualTo(400);
  }

  @Test
  void onLoopbackAnOriginMustBeTheServersOwnSchemeNameAndPortOrAConfiguredOne() throws Exception {
    serve(builder -> builder.mcpAllowedOrigins(List.of("https://App.example")));
    int port = fixture.address.getPort();
    String host = "127.0.0.1:" + port;
    String from = "127.0.0.1";

    assertThat(status(from, host, "http://localhost:" + port)).isEqualTo(200);
    assertThat(status(from, host, "http://127.0.0.1:" + port)).isEqualTo(200);
    assertThat(status(from, host, "https://app.example")).as("configured").isEqualTo(200);
    assertThat(status(from, host, "https://app.example:443")).as("default port").isEqualTo(200);
    assertThat(status(from, host, "https://app.example:8443")).isEqualTo(403);
    assertThat(status(from, host, "http://app.example")).as("other scheme").isEqualTo(403);
    assertThat(status(from, host, "https://localhost:" + port))
        .as("https origin on a plain HTTP server")
        .isEqualTo(403);
    assertThat(status(from, host, "http://evil.example:" + port)).isEqualTo(403);
    assertThat(status(from, host, "null")).isEqualTo(403);
    assertThat(status(from, host, "http://localhost:" + port + "/page")).isEqualTo(403);
  }

  @Test
  void onAnotherAddressItsOwnAddressAndTheAllowedNamesAreTheHostsButNotLoopbackNames()
      throws Exception {
    Optional<InetAddress> lan = nonLoopbackAddress();
    assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
    String address = lan.get().getHostAddress();
    serve(
        builder ->
            builder
                .bind(address)
                .insecureBind(true)
                .mcpAllowedHosts(List.of("beca.test"))
                .mcpAllowedOrigins(List.of("https://app.example")));
    int port = fixture.address.getPort();

    assertThat(status(address, address + ":" + port, null)).isEqualTo(200);
    assertThat(status(address, "beca.test:" + port, null)).as("allowed host").isEqualTo(200);
    assertThat(status(address, "BECA.test:" + port, "http://beca.test:" + port)).isEqualTo(200);
    assertThat(status(address, "localhost:" + port, null))
        .as("not bound to loopback: a loopback name is not this server's")
        .isEqualTo(403);
    assertThat(status(address, "evil.example:" + port, null)).isEqualTo(403);
    assertThat(status(address, address + ":" + port, "http://localhost:" + port)).isEqualTo(403);
    assertThat(status(address, address + ":" + port, "https://app.example")).isEqualTo(200);
    assertThat(status(address, address + ":" + port, "http://" + address + ":" + port))
        .isEqualTo(200);
  }

  @Test
  void aRefusedHostIsAuditedWithTheNameItGave() throws Exception {
    serve(builder -> {});

    status("127.0.0.1", "rebound.example:" + fixture.address.getPort(), null);

    assertThat(fixture.kb.decisionAudit().recent(5))
        .anySatisfy(d -> assertThat(d.rule()).contains("rebound.example"));
  }

  @Test
  void allowedHostsAndOriginsAreCheckedWhenConfigured() {
    assertThatThrownBy(() -> BecaServer.builder().mcpAllowedOrigins(List.of("app.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheme://host");
    assertThatThrownBy(() -> BecaServer.builder().mcpAllowedOrigins(List.of("https://a.example/x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BecaServer.builder().mcpAllowedHosts(List.of("beca.test:8765")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without port");
  }

  /** The status of an MCP initialize sent to {@code address} with these headers. */
  private int status(String address, String host, String origin) throws IOException {
    try (Socket socket = new Socket(address, fixture.address.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /mcp HTTP/1.1\r\nHost: "
                  + host
                  + (origin == null ? "" : "\r\nOrigin: " + origin)
                  + "\r\nAuthorization: Bearer "
                  + fixture.admin
                  + "\r\nContent-Type: application/json\r\n"
                  + "Accept: application/json, text/event-stream\r\nConnection: close\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      if (status == 403) {
        assertThat(text).containsPattern("\"code\":\"forbidden_(host|origin)\"");
      }
      return status;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
