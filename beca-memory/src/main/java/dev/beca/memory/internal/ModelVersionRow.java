package dev.beca.memory.internal;

import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A row of the {@code model_versions} table, as MyBatis maps it. */
record ModelVersionRow(
    long id,
    String role,
    String server,
    String name,
    String digest,
    long sizeBytes,
    String family,
    String parameterSize,
    String quantization,
    String capabilities,
    Long modifiedAt,
    String parameters,
    String status,
    long firstSeenAt,
    long activatedAt,
    String notes) {

  ModelVersion toVersion() {
    Set<String> capabilitySet =
        capabilities == null || capabilities.isBlank()
            ? Set.of()
            : Arrays.stream(capabilities.split(",")).collect(Collectors.toSet());
    ModelInfo model =
        new ModelInfo(
            server,
            name,
            digest,
            sizeBytes,
            family,
            parameterSize,
            quantization,
            capabilitySet,
            Optional.ofNullable(modifiedAt).map(Instant::ofEpochMilli));
    return new ModelVersion(
        id,
        ModelRole.valueOf(role),
        model,
        ModelParameters.decode(parameters),
        ModelVersionStatus.valueOf(status),
        Instant.ofEpochMilli(firstSeenAt),
        Instant.ofEpochMilli(activatedAt),
        notes);
  }
}
