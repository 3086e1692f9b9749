package dev.beca.app.internal;

import dev.beca.models.ModelManager;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What {@link Startup} opened for one command: the data directory and its log file, the knowledge
 * base through the core store interfaces, and the models when the command asked for them. Closing
 * it closes the knowledge base.
 */
public final class AppContext implements AutoCloseable {

  private final Path dataDirectory;
  private final Path logFile;
  private final KnowledgeBase knowledgeBase;
  private final Supplier<ModelManager> wiring;
  private ModelManager models; // guarded by this

  AppContext(
      Path dataDirectory,
      Path logFile,
      KnowledgeBase knowledgeBase,
      Supplier<ModelManager> wiring) {
    this.dataDirectory = dataDirectory;
    this.logFile = logFile;
    this.knowledgeBase = knowledgeBase;
    this.wiring = wiring;
  }

  /** The data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The log file in the data directory, for pointing users at details. */
  public Path logFile() {
    return logFile;
  }

  /** The knowledge base's stores. */
  KnowledgeBase knowledgeBase() {
    return knowledgeBase;
  }

  /**
   * The model manager, wired on the first call.
   *
   * @throws dev.beca.core.InvalidInputException when a model option is invalid (exit code 2)
   * @throws IllegalStateException when the command did not ask for {@link Startup.Need#MODELS}
   */
  public synchronized ModelManager models() {
    if (models == null) {
      models = wiring.get();
    }
    return models;
  }

  @Override
  public void close() {
    knowledgeBase.close();
  }
}
