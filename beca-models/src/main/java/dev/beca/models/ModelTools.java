package dev.beca.models;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.Acts;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The model operations as LangChain4j tools, so an agent can list, switch, roll back and check
 * models. Each tool answers with text a model can read; a failure is answered as text too (starting
 * with {@code Failed:}), so the agent can tell the user instead of crashing the turn.
 *
 * <pre>{@code
 * List<ToolSpecification> specs = ToolSpecifications.toolSpecificationsFrom(new ModelTools(manager.catalog()));
 * }</pre>
 */
public final class ModelTools {

  private final ModelCatalog models;

  /**
   * Creates the tools.
   *
   * @param models the catalog they act on
   */
  public ModelTools(ModelCatalog models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  /** Lists the models of every server. */
  @Tool(
      "Lists the models available on every configured model server, with family, size and quantisation")
  @Acts(ActionKind.READ)
  public String listModels() {
    return answer(
        () -> {
          ModelListing listing = models.list();
          StringBuilder text = new StringBuilder();
          for (ModelInfo m : listing.models()) {
            text.append(m.server()).append('/').append(m.name());
            if (!m.parameterSize().isEmpty()) {
              text.append(" (")
                  .append(m.family())
                  .append(", ")
                  .append(m.parameterSize())
                  .append(", ")
                  .append(m.quantization())
                  .append(')');
            }
            text.append('\n');
          }
          listing.problems().forEach(p -> text.append("Unavailable: ").append(p).append('\n'));
          return text.isEmpty() ? "No models found." : text.toString().strip();
        });
  }

  /** Switches a role to a model after testing it. */
  @Tool(
      "Switches the model used for a role (general or coding) after testing it; the previous model stays in the history")
  @Acts(ActionKind.OWN_STATE)
  public String switchModel(
      @P("the role: general or coding") String role,
      @P("the model's name, e.g. qwen2.5-coder:7b") String model,
      @P(value = "the server's name; empty for the default server", required = false)
          String server) {
    return answer(
        () -> {
          ModelVersion v = models.use(role(role), server, model, ModelParameters.SERVER_DEFAULTS);
          return v.switchedLine();
        });
  }

  /** Rolls a role back to an earlier version. */
  @Tool(
      "Rolls the model of a role (general or coding) back to an earlier version id from the model history")
  @Acts(ActionKind.OWN_STATE)
  public String rollbackModel(
      @P("the role: general or coding") String role, @P("the version id") long versionId) {
    return answer(
        () -> {
          ModelVersion v = models.rollback(role(role), versionId);
          return v.rolledBackLine();
        });
  }

  /** Reports new and changed models. */
  @Tool(
      "Checks the model servers for models never used by BECA and for used models whose content changed")
  @Acts(ActionKind.READ)
  public String checkModelUpdates() {
    return answer(
        () -> {
          List<ModelUpdate> updates = models.updates();
          if (updates.isEmpty()) {
            return "No new or changed models.";
          }
          return updates.stream()
              .map(
                  u ->
                      u.kind().name().toLowerCase(Locale.ROOT)
                          + ": "
                          + u.server()
                          + "/"
                          + u.model())
              .collect(Collectors.joining("\n"));
        });
  }

  /** Shows the history of a role or of all roles. */
  @Tool("Shows which models a role used over time, newest first, with version ids for rollback")
  @Acts(ActionKind.READ)
  public String modelHistory(
      @P(value = "the role: general or coding; empty for both", required = false) String role) {
    return answer(
        () -> {
          List<ModelVersion> history =
              role == null || role.isBlank() ? models.history() : models.history(role(role));
          if (history.isEmpty()) {
            return "No model was chosen yet; the configured defaults are used.";
          }
          return history.stream()
              .map(
                  v ->
                      "#"
                          + v.id()
                          + " "
                          + v.role().name().toLowerCase(Locale.ROOT)
                          + " "
                          + v.model().server()
                          + "/"
                          + v.model().name()
                          + " "
                          + v.status().name().toLowerCase(Locale.ROOT)
                          + " since "
                          + v.activatedAt()
                          + (v.notes().isEmpty() ? "" : " (" + v.notes() + ")"))
              .collect(Collectors.joining("\n"));
        });
  }

  private static ModelRole role(String role) {
    try {
      return ModelRole.valueOf(
          Objects.requireNonNullElse(role, "").strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("'" + role + "' is not a role.", "Use general or coding.");
    }
  }

  private static String answer(java.util.function.Supplier<String> action) {
    try {
      return action.get();
    } catch (BecaException e) {
      return "Failed: " + e.getMessage();
    }
  }
}
