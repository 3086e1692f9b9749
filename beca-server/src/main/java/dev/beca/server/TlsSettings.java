package dev.beca.server;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's certificate and private key for HTTPS, read and checked when made (a wrong password
 * or a file without a key fails here, not at the first client): from a PKCS#12 or JKS keystore, or
 * from PEM files (a certificate chain and an unencrypted PKCS#8 key, as Let's Encrypt gives them).
 *
 * <pre>{@code
 * BecaServer.builder()...bind("0.0.0.0")
 *     .tls(TlsSettings.keystore(Path.of("beca.p12"), System.getenv("BECA_TLS_PASSWORD").toCharArray()))
 * }</pre>
 */
public final class TlsSettings {

  private static final Pattern PEM_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private final KeyStore keyStore;
  private final char[] password;
  private final String source;

  private TlsSettings(KeyStore keyStore, char[] password, String source) {
    this.keyStore = keyStore;
    this.password = password;
    this.source = source;
  }

  /**
   * A keystore file (PKCS#12 or JKS, told apart by its content) whose private key has the same
   * password as the store.
   *
   * @throws InvalidInputException when the file cannot be read, the password is wrong, or it holds
   *     no private key
   */
  public static TlsSettings keystore(Path file, char[] password) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), password);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          "The TLS keystore " + file + " cannot be read: " + reason(e) + ".",
          "Give a PKCS#12 (.p12) or JKS keystore and its password (--tls-password-env VAR names"
              + " the environment variable that holds it).");
    }
    requireKey(store, password, file.toString());
    return new TlsSettings(store, password.clone(), file.toString());
  }

  /**
   * A PEM certificate chain (the server's certificate first) and its private key in unencrypted
   * PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}; RSA or EC).
   *
   * @throws InvalidInputException when a file cannot be read or parsed, or the key is not PKCS#8
   */
  public static TlsSettings pem(Path certificateChain, Path privateKey) {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    List<Certificate> chain;
    try (InputStream in = Files.newInputStream(certificateChain)) {
      chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          "The TLS certificate " + certificateChain + " cannot be read: " + reason(e) + ".",
          "Give the PEM certificate chain (fullchain.pem), the server's certificate first.");
    }
    if (chain.isEmpty()) {
      throw new InvalidInputException(
          "The TLS certificate file " + certificateChain + " holds no certificate.",
          "Give the PEM certificate chain (fullchain.pem), the server's certificate first.");
    }
    PrivateKey key = pemKey(privateKey, chain.get(0).getPublicKey().getAlgorithm());
    char[] password = randomPassword();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("beca", key, password, chain.toArray(Certificate[]::new));
      return new TlsSettings(store, password, certificateChain + " and " + privateKey);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          "The TLS key "
              + privateKey
              + " does not go with the certificate "
              + certificateChain
              + ": "
              + reason(e)
              + ".",
          "Give the key the certificate was issued for.");
    }
  }

  /** Where the certificate came from, for messages. */
  public String source() {
    return source;
  }

  /** Jetty's TLS settings over this key: TLS 1.2 and 1.3 only (Jetty's default ciphers). */
  SslContextFactory.Server sslContextFactory() {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(keyStore);
    factory.setKeyStorePassword(new String(password));
    factory.setKeyManagerPassword(new String(password));
    factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    return factory;
  }

  private static PrivateKey pemKey(Path file, String algorithm) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidInputException(
          "The TLS key " + file + " cannot be read: " + reason(e) + ".",
          "Give the PEM private key (privkey.pem) readable by this user.");
    }
    Matcher m = PEM_KEY.matcher(text);
    if (!m.find()) {
      throw new InvalidInputException(
          "The TLS key " + file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY).",
          "Convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key-pkcs8.pem, or give a"
              + " PKCS#12 keystore with --tls-keystore.");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1).strip());
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "The TLS key " + file + " is not a " + algorithm + " key: " + reason(e) + ".",
          "Give the key the certificate was issued for.");
    }
  }

  private static void requireKey(KeyStore store, char[] password, String file) {
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias) && store.getKey(alias, password) != null) {
          return;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "The private key in the TLS keystore " + file + " cannot be read: " + reason(e) + ".",
          "Give a keystore whose key has the store's password.");
    }
    throw new InvalidInputException(
        "The TLS keystore " + file + " holds no private key, only certificates.",
        "Give the keystore with the server's key and certificate (e.g. made by keytool"
            + " -genkeypair or openssl pkcs12 -export).");
  }

  private static char[] randomPassword() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  private static String reason(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
