package dev.beca.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.ModelRequestException;
import dev.beca.core.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link ModelControl} honours. A subclass hands over a fresh control whose default
 * server has the chat models {@value #ALPHA} and {@value #BETA} (both answer a prompt), the model
 * {@value #EMBED} that cannot generate text, and can pull {@value #GAMMA} (reporting progress) but
 * no other name.
 */
public abstract class ModelControlContract {

  /** A chat model on the default server. */
  protected static final String ALPHA = "alpha";

  /** Another chat model on the default server. */
  protected static final String BETA = "beta";

  /** A model on the default server that cannot generate text. */
  protected static final String EMBED = "embed";

  /** A model the default server can pull. */
  protected static final String GAMMA = "gamma";

  private ModelControl control;

  /**
   * Creates a fresh control over servers as the class comment describes.
   *
   * @return the control
   */
  protected abstract ModelControl createControl();

  @BeforeEach
  void createFresh() {
    control = createControl();
  }

  @Test
  void aChatModelPassesItsTestAndOneThatCannotGenerateTextFails() {
    ModelTrial passed = control.test(ModelRole.GENERAL, null, ALPHA);
    ModelTrial failed = control.test(ModelRole.GENERAL, null, EMBED);

    assertThat(passed.passed()).isTrue();
    assertThat(passed.problem()).isEmpty();
    assertThat(passed.model()).startsWith(ALPHA);
    assertThat(failed.passed()).isFalse();
    assertThat(failed.problem()).isNotBlank();
  }

  @Test
  void unknownServersAndModelsAreNotFoundAndABlankNameIsInvalid() {
    assertThatThrownBy(() -> control.test(ModelRole.GENERAL, null, "no-such-model"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> control.test(ModelRole.GENERAL, "no-such-server", ALPHA))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                control.use(
                    ModelRole.GENERAL, null, "no-such-model", ModelParameters.SERVER_DEFAULTS))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> control.delete(null, "no-such-model"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> control.test(ModelRole.GENERAL, null, " "))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void useRecordsANewActiveVersionAndKeepsThePreviousInTheHistory() {
    ModelVersion first =
        control.use(ModelRole.GENERAL, null, ALPHA, ModelParameters.SERVER_DEFAULTS);
    ModelVersion second =
        control.use(ModelRole.GENERAL, null, BETA, ModelParameters.SERVER_DEFAULTS);

    assertThat(second.status()).isEqualTo(ModelVersionStatus.ACTIVE);
    assertThat(second.model().name()).startsWith(BETA);
    List<ModelVersion> history = control.history(Optional.of(ModelRole.GENERAL));
    assertThat(history).extracting(ModelVersion::id).containsExactly(second.id(), first.id());
    assertThat(history.get(1).status()).isEqualTo(ModelVersionStatus.INACTIVE);
    assertThat(control.history(Optional.of(ModelRole.CODING))).isEmpty();
    assertThat(control.history(Optional.empty())).hasSize(2);
  }

  @Test
  void aModelThatFailsItsTestChangesNothing() {
    control.use(ModelRole.GENERAL, null, ALPHA, ModelParameters.SERVER_DEFAULTS);

    assertThatThrownBy(
            () -> control.use(ModelRole.GENERAL, null, EMBED, ModelParameters.SERVER_DEFAULTS))
        .isInstanceOf(ModelRequestException.class);
    assertThat(control.history(Optional.of(ModelRole.GENERAL))).hasSize(1);
  }

  @Test
  void rollbackActivatesAnEarlierVersionAsANewOneAndRefusesForeignOrActiveVersions() {
    ModelVersion first =
        control.use(ModelRole.GENERAL, null, ALPHA, ModelParameters.SERVER_DEFAULTS);
    ModelVersion second =
        control.use(ModelRole.GENERAL, null, BETA, ModelParameters.SERVER_DEFAULTS);

    ModelVersion back = control.rollback(ModelRole.GENERAL, first.id());

    assertThat(back.id()).isNotIn(first.id(), second.id());
    assertThat(back.model().name()).isEqualTo(first.model().name());
    assertThat(back.status()).isEqualTo(ModelVersionStatus.ACTIVE);
    assertThat(control.history(Optional.of(ModelRole.GENERAL))).hasSize(3);
    assertThatThrownBy(() -> control.rollback(ModelRole.CODING, first.id()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> control.rollback(ModelRole.GENERAL, back.id()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> control.rollback(ModelRole.GENERAL, 999_999))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void updatesNameTheModelsNoRoleEverUsed() {
    control.use(ModelRole.GENERAL, null, ALPHA, ModelParameters.SERVER_DEFAULTS);

    List<ModelChange> updates = control.updates();

    assertThat(updates).extracting(ModelChange::kind).containsOnly(ModelChange.Kind.NEW);
    assertThat(updates).anyMatch(u -> u.model().startsWith(BETA));
    assertThat(updates).noneMatch(u -> u.model().startsWith(ALPHA));
  }

  @Test
  void pullReportsProgressInOrderOnTheCallingThreadThenTheModelIsThere() {
    Thread caller = Thread.currentThread();
    List<PullProgress> reports = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();

    ModelInfo pulled =
        control.pull(
            null,
            GAMMA,
            p -> {
              reports.add(p);
              threads.add(Thread.currentThread());
            });

    assertThat(pulled.name()).startsWith(GAMMA);
    assertThat(reports).isNotEmpty();
    assertThat(threads).containsOnly(caller);
    assertThat(control.test(ModelRole.GENERAL, null, GAMMA).passed()).isTrue();
    assertThatThrownBy(() -> control.pull(null, "not-in-any-registry", p -> {}))
        .isInstanceOf(BecaException.class);
    assertThatThrownBy(() -> control.pull(null, "", p -> {}))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void deletingTheActiveModelIsRefusedAndAnotherIsDeleted() {
    control.use(ModelRole.GENERAL, null, ALPHA, ModelParameters.SERVER_DEFAULTS);

    assertThatThrownBy(() -> control.delete(null, ALPHA)).isInstanceOf(InvalidInputException.class);
    control.delete(null, BETA);

    assertThatThrownBy(() -> control.test(ModelRole.GENERAL, null, BETA))
        .isInstanceOf(NotFoundException.class);
  }
}
