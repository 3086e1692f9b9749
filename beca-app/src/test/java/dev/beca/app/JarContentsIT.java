package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code beca.jar} carries every supported platform's native libraries and none of
 * their debug symbols (ONNX Runtime's Windows .pdb alone was 304 MB), and stays under a size budget
 * ({@link #MAX_BYTES}).
 */
class JarContentsIT {

  /**
   * The size goal of issue 10 (243 MB before, 178.9 MB without debug symbols; 120 MB goal), raised
   * by the HTTP server of issue 17: Javalin, Jetty 12, Kotlin's standard library and Micrometer
   * with the Prometheus registry took the jar to 124,355,738 bytes (measured on the server branch),
   * and the MCP Java SDK (Jackson 3, Reactor, a JSON schema validator) to 130,470,244 bytes;
   * without the unused Prometheus protobuf format it is about 128.4 MB. Issue 10's 120 MB goal is
   * not met with the server in the jar. The resource monitoring of issue 17 (OSHI 0.90 MB and
   * jna-platform 1.12 MB compressed, JNA itself was already there through DJL) took it to
   * 132,837,437 bytes (srv-ops branch, 2026-12-02), so the budget is 135 MB.
   */
  private static final long MAX_BYTES = 135_000_000L;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("beca.jar", "target/beca.jar"));
    assertThat(jar).as("the shaded jar built by mvn package").exists();
    return jar;
  }

  private static List<String> entries() throws IOException {
    Path jar = jar();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theJarHoldsNoNativeDebugSymbols() throws IOException {
    assertThat(entries()).noneMatch(name -> name.endsWith(".pdb") || name.contains(".dSYM/"));
  }

  @Test
  void theJarStaysWithinItsBudgetWithTheQuantisedEmbeddingModelOnly() throws IOException {
    assertThat(java.nio.file.Files.size(jar())).isLessThan(MAX_BYTES);
    assertThat(entries())
        .contains("all-minilm-l6-v2-q.onnx")
        .doesNotContain("all-minilm-l6-v2.onnx");
  }

  @Test
  void theJarHoldsTheNativeLibrariesOfEverySupportedPlatform() throws IOException {
    assertThat(entries())
        .contains(
            // ONNX Runtime (the in-process embedding model)
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
            "ai/onnxruntime/native/osx-x64/libonnxruntime.dylib",
            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
            "ai/onnxruntime/native/win-x64/onnxruntime.dll",
            // the embedding model's tokenizer
            "native/lib/linux-x86_64/cpu/libtokenizers.so",
            "native/lib/linux-aarch64/cpu/libtokenizers.so",
            "native/lib/osx-aarch64/cpu/libtokenizers.dylib",
            "native/lib/win-x86_64/cpu/tokenizers.dll",
            // SQLite
            "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
            "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
            "org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib",
            "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib",
            "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll");
  }
}
