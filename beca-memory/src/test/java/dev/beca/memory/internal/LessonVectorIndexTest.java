package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LessonVectorIndexTest {

  private static float[] random(Random random) {
    float[] v = new float[384];
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return Vectors.normalized(v);
  }

  @Test
  void aSmallStoreHandsEveryLessonToTheExactComparison() {
    Random random = new Random(1);
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(7);
    for (int i = 1; i <= 150; i++) {
      builder.add(i, 1000 + i, random(random));
    }
    LessonVectorIndex index = builder.build();

    long[][] shortlist = index.shortlist(random(random));

    assertThat(index.version).isEqualTo(7);
    assertThat(shortlist.length).isEqualTo(150);
    assertThat(Arrays.stream(shortlist).mapToLong(p -> p[1] - p[0]).distinct().toArray())
        .containsExactly(1000);
  }

  @Test
  void aLargeStoreShortlistsTheTrueNearestNeighbours() {
    Random random = new Random(2);
    // Clustered like real lessons: 200 topics, 50 lessons around each.
    List<float[]> topics = new ArrayList<>();
    for (int t = 0; t < 200; t++) {
      topics.add(random(random));
    }
    List<float[]> vectors = new ArrayList<>();
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1);
    for (int i = 0; i < 10_000; i++) {
      float[] v = topics.get(i % 200).clone();
      for (int d = 0; d < v.length; d++) {
        v[d] += (float) (random.nextGaussian() * 0.05);
      }
      v = Vectors.normalized(v);
      vectors.add(v);
      builder.add(i, i, v);
    }
    LessonVectorIndex index = builder.build();
    int found = 0;
    int wanted = 0;
    for (int q = 0; q < 50; q++) {
      float[] query = topics.get(q * 3).clone();
      for (int d = 0; d < query.length; d++) {
        query[d] += (float) (random.nextGaussian() * 0.05);
      }
      float[] normalised = Vectors.normalized(query);
      List<Integer> exact =
          IntStream.range(0, vectors.size())
              .boxed()
              .sorted(
                  Comparator.comparingDouble(
                      (Integer i) -> -Vectors.dot(normalised, vectors.get(i))))
              .limit(20)
              .toList();
      List<Long> shortlisted = Arrays.stream(index.shortlist(normalised)).map(p -> p[0]).toList();
      assertThat(shortlisted).hasSize(LessonVectorIndex.SHORTLIST);
      for (int id : exact) {
        wanted++;
        if (shortlisted.contains((long) id)) {
          found++;
        }
      }
    }
    assertThat(found / (double) wanted).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void vectorsOfAnotherLengthAreLeftOut() {
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1);
    builder.add(1, 1, new float[] {1, 0, 0});
    builder.add(2, 2, new float[] {1, 0});
    LessonVectorIndex index = builder.build();

    assertThat(index.size()).isEqualTo(1);
    assertThat(index.shortlist(new float[] {1, 0}).length).isZero();
  }
}
