package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    for (int i = 1; i <= LessonVectorIndex.SHORTLIST - 20; i++) {
      builder.add(i, 1000 + i, random(random));
    }
    LessonVectorIndex index = builder.build();

    long[][] shortlist = index.shortlist(random(random));

    assertThat(index.version()).isEqualTo(7);
    assertThat(shortlist.length).isEqualTo(LessonVectorIndex.SHORTLIST - 20);
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

  @Test
  void anIndexUpdatedInPlaceEqualsOneBuiltFromTheSameLessons() {
    Random random = new Random(3);
    List<float[]> vectors = new ArrayList<>();
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(10);
    for (int i = 0; i < 3_000; i++) {
      vectors.add(random(random));
      builder.add(i + 1, 5_000 + i, vectors.get(i));
    }
    LessonVectorIndex index = builder.build();
    java.util.Set<Integer> removed = new java.util.TreeSet<>();
    long version = 10;
    // Supersede or forget a third of the lessons (past the compaction point), adding one each time.
    for (int step = 0; step < 1_000; step++) {
      int gone = random.nextInt(vectors.size());
      removed.add(gone);
      vectors.add(random(random));
      int id = vectors.size();
      boolean applied =
          index.apply(
              version,
              version + 2,
              new LessonVectorIndex.Addition(id, 5_000 + id - 1, vectors.get(id - 1)),
              new long[] {gone + 1});
      assertThat(applied).isTrue();
      version += 2;
    }
    LessonVectorIndex.Builder again = new LessonVectorIndex.Builder(version);
    for (int i = 0; i < vectors.size(); i++) {
      if (!removed.contains(i)) {
        again.add(i + 1, 5_000 + i, vectors.get(i));
      }
    }
    LessonVectorIndex rebuilt = again.build();

    assertThat(index.version()).isEqualTo(rebuilt.version());
    assertThat(index.size()).isEqualTo(rebuilt.size()).isEqualTo(4_000 - removed.size());
    assertThat(index.contents()).isDeepEqualTo(rebuilt.contents());
    for (int q = 0; q < 30; q++) {
      float[] query = random(random);
      assertThat(index.shortlist(query)).isDeepEqualTo(rebuilt.shortlist(query));
    }
  }

  @Test
  void aWriteFromAnotherVersionLeavesTheIndexAsItWas() {
    Random random = new Random(4);
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(5);
    builder.add(1, 1, random(random));
    builder.add(2, 2, random(random));
    LessonVectorIndex index = builder.build();

    boolean applied =
        index.apply(6, 7, new LessonVectorIndex.Addition(3, 3, random(random)), new long[] {1});

    assertThat(applied).isFalse();
    assertThat(index.version()).isEqualTo(5);
    assertThat(index.contents()).isDeepEqualTo(new long[][] {{1, 1}, {2, 2}});
  }

  @Test
  void aLessonBelowTheHighestIdIsLeftToARebuild() {
    Random random = new Random(5);
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(5);
    builder.add(4, 4, random(random));
    LessonVectorIndex index = builder.build();

    boolean applied =
        index.apply(5, 6, new LessonVectorIndex.Addition(2, 2, random(random)), new long[0]);

    assertThat(applied).isFalse();
    assertThat(index.version()).isNotEqualTo(5).isNotEqualTo(6);
  }

  @Test
  void theSampledBoundChoosesTheSameCandidatesAsAHistogramOfEveryLesson() {
    Random random = new Random(11);
    float[][] centres = new float[30][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = random(random);
    }
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1);
    for (int i = 1; i <= 6_000; i++) {
      float[] v = centres[random.nextInt(centres.length)].clone();
      if (i % 3 != 0) { // every third an exact copy of its centre: many equal distances
        for (int d = 0; d < v.length; d++) {
          v[d] += (float) (random.nextGaussian() * 0.05);
        }
      }
      builder.add(i, i, v);
    }
    LessonVectorIndex index = builder.build();
    long[] removed =
        IntStream.rangeClosed(1, 6_000).filter(i -> i % 7 == 0).asLongStream().toArray();
    assertThat(index.apply(1, 2, null, removed)).isTrue();
    for (int t = 0; t < 40; t++) {
      float[] query = t % 2 == 0 ? centres[t % centres.length] : random(random);
      assertThat(index.hammingCandidates(query))
          .as("query %d", t)
          .hasSize(LessonVectorIndex.HAMMING_CANDIDATES)
          .containsExactly(index.hammingCandidatesByHistogram(query));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {384, 100})
  void theHammingCandidatesAreTheLessonsWithTheFewestDifferingSigns(int dimensions) {
    Random random = new Random(dimensions);
    int lessons = 5_000;
    float[][] vectors = new float[lessons][];
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1);
    for (int i = 0; i < lessons; i++) {
      vectors[i] = new float[dimensions];
      for (int d = 0; d < dimensions; d++) {
        vectors[i][d] = (float) random.nextGaussian();
      }
      builder.add(i + 1, i + 1, vectors[i]);
    }
    LessonVectorIndex index = builder.build();
    assertThat(index.apply(1, 2, null, new long[] {3, 500, 4_999})).isTrue();
    for (int t = 0; t < 10; t++) {
      float[] query = new float[dimensions];
      for (int d = 0; d < dimensions; d++) {
        query[d] = (float) random.nextGaussian();
      }
      // By hand: the signs that differ, then the earlier position; removed lessons never.
      int[] expected =
          IntStream.range(0, lessons)
              .filter(i -> i != 2 && i != 499 && i != 4_998)
              .boxed()
              .sorted(
                  Comparator.<Integer>comparingInt(i -> differingSigns(vectors[i], query))
                      .thenComparingInt(i -> i))
              .limit(LessonVectorIndex.HAMMING_CANDIDATES)
              .mapToInt(Integer::intValue)
              .sorted()
              .toArray();
      assertThat(index.hammingCandidates(query)).as("query %d", t).containsExactly(expected);
    }
  }

  private static int differingSigns(float[] a, float[] b) {
    int n = 0;
    for (int d = 0; d < a.length; d++) {
      n += (a[d] > 0) != (b[d] > 0) ? 1 : 0;
    }
    return n;
  }
}
