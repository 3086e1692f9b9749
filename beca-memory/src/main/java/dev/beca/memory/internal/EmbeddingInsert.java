package dev.beca.memory.internal;

/** Parameters of a vector insert; mutable only so that MyBatis can hand back the generated id. */
final class EmbeddingInsert {
  final String model;
  final byte[] hash;
  final int dimensions;
  final byte[] vector;
  long id;

  EmbeddingInsert(String model, byte[] hash, float[] vector) {
    this.model = model;
    this.hash = hash;
    this.dimensions = vector.length;
    this.vector = Vectors.toBytes(vector);
  }
}
