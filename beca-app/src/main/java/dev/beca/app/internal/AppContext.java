package dev.beca.app.internal;

import dev.beca.models.ModelManager;
import java.nio.file.Path;

/**
 * What {@link Startup} opened for one command: the data directory and its log file, the knowledge
 * base through the core store interfaces, and the models when the command asked for them.
 * Closing it closes the knowledge base.
 */
public final class AppContext implements AutoCloseable {

  private final Path dataDirectory;
  private final Path logFile;
  private final KnowledgeBase knowledgeBase;
  private final ModelManager models;

  AppContext(Path dataDirectory, Path logFile, KnowledgeBase knowledgeBase, ModelManager models) {
    this.dataDirectory = dataDirectory;
    this.logFile = logFile;
    this.knowledgeBase = knowledgeBase;
    this.models = models;
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
   * The model manager.
   *
   * @throws IllegalStateException when the command did not ask for {@link Startup.Need#MODELS}
   */
  public ModelManager models() {
    if (models == null) {
      throw new IllegalStateException("models were not requested from Startup.open");
    }
    return models;
  }

  @Override
  public void close() {
    knowledgeBase.close();
  }
}
