package dev.beca.core.model;

import dev.beca.core.BecaException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model server has loaded and how much memory that takes, or why that is not known.
 *
 * @param server the configured server's name
 * @param baseUrl where it was asked; credentials {@linkplain UrlCredentials redacted}
 * @param status {@code ok}, {@code unreachable} (it did not answer, or failed), or {@code
 *     unsupported} (its protocol does not report loaded models)
 * @param models the loaded models; empty unless {@code ok}
 * @param memoryBytes their memory in all, bytes
 * @param vramBytes how much of it is GPU memory, bytes
 * @param problem what is wrong, empty when {@code ok}
 * @param remedy what to do, empty when {@code ok}
 */
public record ModelServerLoad(
    String server,
    String baseUrl,
    String status,
    List<LoadedModel> models,
    long memoryBytes,
    long vramBytes,
    String problem,
    String remedy) {

  /** Checks the components and copies the list. */
  public ModelServerLoad {
    Objects.requireNonNull(server, "server");
    baseUrl = UrlCredentials.redact(Objects.requireNonNull(baseUrl, "baseUrl"));
    Objects.requireNonNull(status, "status");
    models = List.copyOf(models);
    problem = UrlCredentials.redact(Objects.requireNonNullElse(problem, ""));
    remedy = Objects.requireNonNullElse(remedy, "");
  }

  /**
   * Asks a server now. Never throws for the server's failure: a server that does not answer is
   * reported {@code unreachable} with the problem and the advice its client gives (for Ollama:
   * start it with {@code ollama serve}, or point BECA at another server).
   *
   * @param server the server
   * @return what it has loaded, or why that is not known
   */
  public static ModelServerLoad check(ModelServer server) {
    Optional<List<LoadedModel>> loaded;
    try {
      loaded = server.loadedModels();
    } catch (BecaException e) {
      return new ModelServerLoad(
          server.name(), server.baseUrl(), "unreachable", List.of(), 0, 0, e.problem(), e.remedy());
    } catch (RuntimeException e) {
      return new ModelServerLoad(
          server.name(),
          server.baseUrl(),
          "unreachable",
          List.of(),
          0,
          0,
          "Asking " + server.name() + " for its loaded models failed: " + e.getMessage(),
          "Check that the model server is running and that BECA points at it.");
    }
    if (loaded.isEmpty()) {
      return new ModelServerLoad(
          server.name(),
          server.baseUrl(),
          "unsupported",
          List.of(),
          0,
          0,
          "A " + server.kind() + " server does not report the models it has loaded.",
          "See the server's own tools for its memory.");
    }
    List<LoadedModel> models = loaded.get();
    return new ModelServerLoad(
        server.name(),
        server.baseUrl(),
        "ok",
        models,
        models.stream().mapToLong(LoadedModel::sizeBytes).sum(),
        models.stream().mapToLong(LoadedModel::vramBytes).sum(),
        "",
        "");
  }
}
