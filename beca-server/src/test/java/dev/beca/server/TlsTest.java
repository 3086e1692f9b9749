package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS: a keystore made by the JDK's keytool in the test, real TLS over loopback with a client
 * that trusts only that certificate (and checks the address against it).
 */
class TlsTest {

  private static final char[] PASSWORD = "test-store-pass".toCharArray();

  @TempDir Path dir;
  private SqliteKnowledgeBase kb;
  private Path keystore;

  @BeforeEach
  void setUp() throws Exception {
    kb =
        SqliteKnowledgeBase.builder().dataDirectory(dir.resolve("beca")).withoutEmbeddings().open();
    keystore = dir.resolve("beca.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "beca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
  }

  @AfterEach
  void tearDown() {
    kb.close();
  }

  @Test
  void aKeystoreServesHttpsBeyondLoopbackWithoutTheInsecureAcknowledgement() throws Exception {
    try (BecaServer server =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .threads(kb.threads())
            .bind("0.0.0.0")
            .port(0)
            .tls(TlsSettings.keystore(keystore, PASSWORD))
            .build()) {
      InetSocketAddress address = server.start();
      String token = kb.apiTokens().create("ci", AccessRole.VIEWER, Optional.empty()).secret();

      HttpResponse<String> threads = httpsGet(address.getPort(), "/threads", token);

      assertThat(server.secure()).isTrue();
      assertThat(threads.statusCode()).as(threads.body()).isEqualTo(200);
      assertThat(threads.body()).contains("\"threads\"");
      assertThat(httpsGet(address.getPort(), "/threads", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void plainHttpIsNotAnsweredOnTheTlsPort() throws Exception {
    try (BecaServer server = tlsServer(TlsSettings.keystore(keystore, PASSWORD))) {
      int port = server.start().getPort();
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(10))
              .build();

      // Jetty answers a TLS-less request on a TLS port with a bare 400 or drops it; either way
      // it never reaches the API.
      try {
        HttpResponse<String> response = plain.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("\"status\"");
      } catch (IOException refused) {
        assertThat(refused).isNotNull();
      }
    }
  }

  @Test
  void pemCertificateAndKeyServeHttps() throws Exception {
    KeyStore store = KeyStore.getInstance(keystore.toFile(), PASSWORD);
    PrivateKey key = (PrivateKey) store.getKey("beca", PASSWORD);
    Path cert = dir.resolve("fullchain.pem");
    Path keyFile = dir.resolve("privkey.pem");
    Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("beca").getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));

    try (BecaServer server = tlsServer(TlsSettings.pem(cert, keyFile))) {
      int port = server.start().getPort();

      HttpResponse<String> health = httpsGet(port, "/health", null);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"ok\"");
    }
  }

  @Test
  void aWrongPasswordOrAKeylessFileFailsWhenTheSettingsAreMade() throws Exception {
    Path notPkcs8 = dir.resolve("rsa.pem");
    Files.writeString(
        notPkcs8, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    Path cert = dir.resolve("cert.pem");
    KeyStore store = KeyStore.getInstance(keystore.toFile(), PASSWORD);
    Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("beca").getEncoded()));

    assertThatThrownBy(() -> TlsSettings.keystore(keystore, "wrong".toCharArray()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> TlsSettings.pem(cert, notPkcs8))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void beyondLoopbackWithoutTlsTheRefusalNamesTheTlsOptions() {
    BecaServer server =
        BecaServer.builder()
            .tokens(kb.apiTokens())
            .audit(kb.decisionAudit())
            .bind("0.0.0.0")
            .port(0)
            .build();
    try {
      assertThatThrownBy(server::start)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("--tls-keystore")
          .hasMessageContaining("--insecure-bind");
    } finally {
      server.close();
    }
  }

  private BecaServer tlsServer(TlsSettings tls) {
    return BecaServer.builder()
        .tokens(kb.apiTokens())
        .audit(kb.decisionAudit())
        .port(0)
        .tls(tls)
        .build();
  }

  private HttpResponse<String> httpsGet(int port, String path, String token) throws Exception {
    KeyStore server = KeyStore.getInstance(keystore.toFile(), PASSWORD);
    Certificate certificate = server.getCertificate("beca");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("beca", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(ssl)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
