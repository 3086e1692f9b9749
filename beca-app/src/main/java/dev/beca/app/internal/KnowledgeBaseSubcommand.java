package dev.beca.app.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that works on the knowledge base ({@code beca threads ...}, {@code beca lessons
 * ...}, {@code beca patterns ...}): checks its options, opens what it needs through {@link
 * Startup}, runs, and flushes its output; an option the stores refuse becomes a usage error (exit
 * code 2), every other failure goes to {@link ExitCodes}.
 */
abstract class KnowledgeBaseSubcommand implements Callable<Integer> {
  final Startup startup;
  final Terminal terminal;

  @Mixin AppOptions options;

  /** What {@link Startup} opened for this run, set before {@link #execute}. */
  AppContext app;

  KnowledgeBaseSubcommand(Startup startup) {
    this.startup = startup;
    this.terminal = startup.terminal();
  }

  /** Whether this command embeds texts (semantic search, adding by meaning). */
  boolean needsEmbeddings() {
    return false;
  }

  /** Whether this command calls a model. */
  boolean needsModels() {
    return false;
  }

  /** Checks the options before anything is opened; throws to refuse them. */
  void validate() {}

  @Override
  public final Integer call() {
    validate();
    List<Startup.Need> needs = new ArrayList<>();
    if (needsEmbeddings()) {
      needs.add(Startup.Need.EMBEDDINGS);
    }
    if (needsModels()) {
      needs.add(Startup.Need.MODELS);
    }
    try (AppContext opened = startup.open(options, needs.toArray(Startup.Need[]::new))) {
      app = opened;
      return execute(opened.knowledgeBase(), terminal.out());
    } catch (IllegalArgumentException e) {
      throw Startup.usage(e);
    } finally {
      terminal.out().flush();
      terminal.err().flush();
    }
  }

  /**
   * Does the command's work.
   *
   * @param kb the opened knowledge base
   * @param out standard output
   * @return the exit code
   */
  abstract int execute(KnowledgeBase kb, PrintWriter out);
}
