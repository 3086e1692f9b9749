package dev.beca.memory.internal;

import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.NewModelVersion;
import java.util.TreeSet;

/** Parameters of one insert; mutable only so that MyBatis can hand back the generated id. */
final class ModelVersionInsert {
  final String role;
  final String server;
  final String name;
  final String digest;
  final long sizeBytes;
  final String family;
  final String parameterSize;
  final String quantization;
  final String capabilities;
  final Long modifiedAt;
  final String parameters;
  final long firstSeenAt;
  final long activatedAt;
  final String notes;
  long id;

  ModelVersionInsert(NewModelVersion version, long firstSeenAt, long activatedAt) {
    ModelInfo model = version.model();
    this.role = version.role().name();
    this.server = model.server();
    this.name = model.name();
    this.digest = model.digest();
    this.sizeBytes = model.sizeBytes();
    this.family = model.family();
    this.parameterSize = model.parameterSize();
    this.quantization = model.quantization();
    this.capabilities = String.join(",", new TreeSet<>(model.capabilities()));
    this.modifiedAt = model.modifiedAt().map(java.time.Instant::toEpochMilli).orElse(null);
    this.parameters = version.parameters().encode();
    this.firstSeenAt = firstSeenAt;
    this.activatedAt = activatedAt;
    this.notes = version.notes();
  }
}
