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

  // ---- Lists ----------------------------------------------------------------------------------

  /** Clustered like real lessons: {@code topics} topics, lessons around them in turn. */
  private static List<float[]> clustered(Random random, int topics, int lessons) {
    List<float[]> centres = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      centres.add(random(random));
    }
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < lessons; i++) {
      vectors.add(near(random, centres.get(i % topics)));
    }
    return vectors;
  }

  private static float[] near(Random random, float[] centre) {
    float[] v = centre.clone();
    for (int d = 0; d < v.length; d++) {
      v[d] += (float) (random.nextGaussian() * 0.05);
    }
    return Vectors.normalized(v);
  }

  private static int differingSigns(long[] centroids, int list, float[] v) {
    int n = 0;
    for (int d = 0; d < v.length; d++) {
      boolean set = (centroids[list * 6 + d / 64] >>> (d % 64) & 1) != 0;
      n += set != (v[d] > 0) ? 1 : 0;
    }
    return n;
  }

  private static int nearestList(long[] centroids, float[] v) {
    int best = 0;
    for (int l = 1; l < centroids.length / 6; l++) {
      if (differingSigns(centroids, l, v) < differingSigns(centroids, best, v)) {
        best = l;
      }
    }
    return best;
  }

  @Test
  void withListsTheCandidatesAreTheClosestLessonsOfTheNearestListsOnly() {
    Random random = new Random(21);
    List<float[]> vectors = clustered(random, 40, 4_000);
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1, 200, 100, 50).probed(600);
    for (int i = 0; i < vectors.size(); i++) {
      builder.add(i + 1, i + 1, vectors.get(i));
    }
    LessonVectorIndex index = builder.build();
    long[] centroids = index.trainCentroids();
    assertThat(index.useLists(centroids, index.size(), 1, 2)).isTrue();
    assertThat(index.apply(2, 3, null, new long[] {5, 6, 7})).isTrue(); // removed: never found
    int lists = centroids.length / 6;
    int[] listOf = new int[vectors.size()];
    int[] sizes = new int[lists];
    for (int i = 0; i < vectors.size(); i++) {
      listOf[i] = nearestList(centroids, vectors.get(i));
      sizes[listOf[i]] += i >= 4 && i <= 6 ? 0 : 1; // removed lessons do not count
    }
    for (int q = 0; q < 20; q++) {
      float[] query = near(random, vectors.get(q * 97));
      // By hand: the lists by their centroid's differing signs (then the first), read until they
      // hold 600 lessons not removed; among those, the 200 with the fewest differing signs.
      List<Integer> byNearness =
          IntStream.range(0, lists)
              .boxed()
              .sorted(
                  Comparator.<Integer>comparingInt(l -> differingSigns(centroids, l, query))
                      .thenComparingInt(l -> l))
              .toList();
      java.util.Set<Integer> read = new java.util.HashSet<>();
      for (int k = 0, total = 0; total < 600; k++) {
        read.add(byNearness.get(k));
        total += sizes[byNearness.get(k)];
      }
      List<Integer> inRead =
          IntStream.range(0, vectors.size())
              .filter(i -> read.contains(listOf[i]) && (i < 4 || i > 6))
              .boxed()
              .toList();
      long[] found = index.listCandidates(query);

      assertThat(found).as("query %d", q).hasSize(200).doesNotHaveDuplicates();
      java.util.Set<Integer> foundSet = new java.util.HashSet<>();
      for (long id : found) {
        foundSet.add((int) id - 1);
      }
      assertThat(inRead).containsAll(foundSet);
      int farthestFound =
          foundSet.stream()
              .mapToInt(i -> differingSigns(vectors.get(i), query))
              .max()
              .orElseThrow();
      int closestLeft =
          inRead.stream()
              .filter(i -> !foundSet.contains(i))
              .mapToInt(i -> differingSigns(vectors.get(i), query))
              .min()
              .orElseThrow();
      assertThat(farthestFound).as("query %d", q).isLessThanOrEqualTo(closestLeft);
    }
  }

  @Test
  void withListsALargeStoreStillShortlistsTheTrueNearestNeighbours() {
    Random random = new Random(22);
    List<float[]> vectors = clustered(random, 200, 10_000);
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1).probed(2_000);
    for (int i = 0; i < vectors.size(); i++) {
      builder.add(i, i, vectors.get(i));
    }
    LessonVectorIndex index = builder.build();
    assertThat(index.useLists(index.trainCentroids(), index.size(), 1, 1)).isTrue();
    int found = 0;
    int wanted = 0;
    for (int q = 0; q < 50; q++) {
      float[] query = near(random, vectors.get(q * 61));
      List<Integer> exact =
          IntStream.range(0, vectors.size())
              .boxed()
              .sorted(
                  Comparator.comparingDouble((Integer i) -> -Vectors.dot(query, vectors.get(i))))
              .limit(20)
              .toList();
      List<Long> shortlisted = Arrays.stream(index.shortlist(query)).map(p -> p[0]).toList();
      for (int id : exact) {
        wanted++;
        found += shortlisted.contains((long) id) ? 1 : 0;
      }
    }
    assertThat(index.listCandidates(vectors.get(0))).hasSize(LessonVectorIndex.HAMMING_CANDIDATES);
    assertThat(found / (double) wanted).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void anIndexWithListsUpdatedInPlaceRanksAsOneBuiltWithTheSameLists() {
    Random random = new Random(23);
    List<float[]> vectors = clustered(random, 30, 3_000);
    LessonVectorIndex.Builder first = new LessonVectorIndex.Builder(1, 200, 100, 50).probed(500);
    for (int i = 0; i < 2_000; i++) {
      first.add(i + 1, i + 1, vectors.get(i));
    }
    LessonVectorIndex updated = first.build();
    assertThat(updated.useLists(updated.trainCentroids(), updated.size(), 1, 2)).isTrue();
    long version = 2;
    java.util.Set<Long> removed = new java.util.TreeSet<>();
    for (int i = 2_000; i < 3_000; i++) {
      long[] gone = i % 3 == 0 ? new long[] {i / 3} : new long[0];
      for (long id : gone) {
        removed.add(id);
      }
      assertThat(
              updated.apply(
                  version,
                  version + 1,
                  new LessonVectorIndex.Addition(i + 1, i + 1, vectors.get(i)),
                  gone))
          .isTrue();
      version++;
    }
    assertRanksAsRebuilt(updated, vectors, removed, version, random);

    // Then past the compaction point, which moves every position.
    long[] many = java.util.stream.LongStream.rangeClosed(1, 800).toArray();
    assertThat(updated.apply(version, version + 1, null, many)).isTrue();
    for (long id : many) {
      removed.add(id);
    }
    assertRanksAsRebuilt(updated, vectors, removed, version + 1, random);
  }

  private static void assertRanksAsRebuilt(
      LessonVectorIndex updated,
      List<float[]> vectors,
      java.util.Set<Long> removed,
      long version,
      Random random) {
    LessonVectorIndex.Builder again =
        new LessonVectorIndex.Builder(version, 200, 100, 50)
            .probed(500)
            .lists(updated.centroids(), updated.trainedOn());
    for (int i = 0; i < vectors.size(); i++) {
      if (!removed.contains((long) i + 1)) {
        again.add(i + 1, i + 1, vectors.get(i));
      }
    }
    LessonVectorIndex rebuilt = again.build();

    assertThat(rebuilt.version()).isEqualTo(updated.version());
    assertThat(rebuilt.contents()).isDeepEqualTo(updated.contents());
    assertThat(rebuilt.centroids()).isEqualTo(updated.centroids());
    for (int q = 0; q < 30; q++) {
      float[] query = near(random, vectors.get(q * 89));
      assertThat(updated.listCandidates(query)).containsExactly(rebuilt.listCandidates(query));
      assertThat(updated.shortlist(query)).isDeepEqualTo(rebuilt.shortlist(query));
    }
  }

  @Test
  void anIndexAsksForListsOnceFromItsThresholdAndAgainWhenItOutgrowsThem() {
    Random random = new Random(24);
    LessonVectorIndex.Builder small = new LessonVectorIndex.Builder(1).listedFrom(100);
    LessonVectorIndex.Builder enough = new LessonVectorIndex.Builder(1).listedFrom(100);
    for (int i = 1; i <= 100; i++) {
      float[] v = random(random);
      enough.add(i, i, v);
      if (i < 100) {
        small.add(i, i, v);
      }
    }
    LessonVectorIndex below = small.build();
    LessonVectorIndex index = enough.build();

    assertThat(below.claimTraining()).isFalse();
    assertThat(index.claimTraining()).isTrue();
    assertThat(index.claimTraining()).as("asked once").isFalse();
    long[] trained = index.trainCentroids();
    assertThat(trained).hasSize(16 * 6).isEqualTo(index.trainCentroids()); // deterministic
    assertThat(index.useLists(trained, 100, 2, 3)).as("another version").isFalse();
    assertThat(index.useLists(trained, 100, 1, 2)).isTrue();
    assertThat(index.claimTraining()).isFalse();
    long version = 2;
    for (int i = 101; i <= 400; i++) {
      index.apply(
          version, version + 1, new LessonVectorIndex.Addition(i, i, random(random)), new long[0]);
      version++;
    }
    assertThat(index.claimTraining()).as("four times the lessons").isFalse();
    index.apply(
        version,
        version + 1,
        new LessonVectorIndex.Addition(401, 401, random(random)),
        new long[0]);
    assertThat(index.claimTraining()).as("past four times").isTrue();
  }

  @Test
  void listsOfAnotherLengthAreLeftOut() {
    Random random = new Random(25);
    LessonVectorIndex.Builder builder = new LessonVectorIndex.Builder(1).lists(new long[5], 10);
    for (int i = 1; i <= 50; i++) {
      builder.add(i, i, random(random));
    }
    LessonVectorIndex index = builder.build();

    assertThat(index.centroids()).isNull();
    assertThat(index.shortlist(random(random)).length).isEqualTo(50);
  }
}
