package dev.beca.app.internal;

import dev.beca.models.OllamaSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command shares. Each can also come from an environment variable; the option
 * wins over the variable, the variable over the default.
 */
public final class AppOptions {

  /** Environment variable naming the data directory. */
  public static final String DATA_DIR_ENV = "BECA_DATA_DIR";
  /** Environment variable naming the Ollama base URL. */
  public static final String OLLAMA_URL_ENV = "BECA_OLLAMA_URL";
  /** Environment variable naming the general model. */
  public static final String MODEL_ENV = "BECA_MODEL";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where BECA keeps its database and logs (env " + DATA_DIR_ENV + ", default ~/.beca).")
  Path dataDir;

  @Option(
      names = "--ollama-url",
      paramLabel = "URL",
      description = "Base URL of the Ollama server (env " + OLLAMA_URL_ENV + ", default "
          + OllamaSettings.DEFAULT_BASE_URL + ").")
  String ollamaUrl;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "NAME",
      description = "Model for conversation (env " + MODEL_ENV + ", default "
          + OllamaSettings.DEFAULT_GENERAL_MODEL + ").")
  String model;

  /** The data directory: option, else environment, else {@code ~/.beca}. */
  public Path dataDir(Map<String, String> env) {
    if (dataDir != null) {
      return dataDir;
    }
    String fromEnv = env.get(DATA_DIR_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".beca");
  }

  /**
   * The Ollama settings from options and environment.
   *
   * @throws IllegalArgumentException when a value is invalid, naming it
   */
  public OllamaSettings ollama(Map<String, String> env) {
    OllamaSettings.Builder builder =
        OllamaSettings.builder().reconfigureHint("--ollama-url or " + OLLAMA_URL_ENV);
    String url = firstSet(ollamaUrl, env.get(OLLAMA_URL_ENV));
    if (url != null) {
      builder.baseUrl(url);
    }
    String name = firstSet(model, env.get(MODEL_ENV));
    if (name != null) {
      builder.generalModel(name);
    }
    return builder.build();
  }

  private static String firstSet(String option, String env) {
    if (option != null) {
      return option;
    }
    return env == null || env.isBlank() ? null : env;
  }
}
