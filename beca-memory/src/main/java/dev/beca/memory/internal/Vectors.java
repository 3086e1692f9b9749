package dev.beca.memory.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Encoding, hashing and comparing embedding vectors. */
final class Vectors {

  private Vectors() {}

  static byte[] toBytes(float[] vector) {
    ByteBuffer buffer =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  static float[] fromBytes(byte[] bytes) {
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }

  /**
   * The vector scaled to length 1 (unchanged when it is all zeros), so that dot product = cosine.
   */
  static float[] normalized(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    if (sum == 0) {
      return vector.clone();
    }
    float scale = (float) (1 / Math.sqrt(sum));
    float[] out = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = vector[i] * scale;
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    return dot(a, b, 0, Math.min(a.length, b.length));
  }

  /**
   * The dot product of {@code a} with the {@code n} values of {@code matrix} from {@code offset} (a
   * vector stored as one row of a larger array), in the same order of operations as {@link
   * #dot(float[], float[])}, so both give the same bits for the same values.
   */
  static double dot(float[] a, float[] matrix, int offset, int n) {
    // Four independent sums: one running sum makes every addition wait for the previous one.
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * matrix[offset + i];
      s1 += a[i + 1] * matrix[offset + i + 1];
      s2 += a[i + 2] * matrix[offset + i + 2];
      s3 += a[i + 3] * matrix[offset + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[i] * matrix[offset + i];
    }
    return (double) s0 + s1 + s2 + s3;
  }

  /** SHA-256 of the text, the key under which identical texts share one vector. */
  static byte[] hash(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
