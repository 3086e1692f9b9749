package dev.beca.memory.bench;

import dev.beca.core.learning.LessonMatcher;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recall@5 of {@link LessonRetrievalBenchmark}'s labelled set (300 Spring Boot paragraphs, 100
 * how-to titles) with the hand-set merge rule ({@code LessonMatcher.MergeRule.SCORE}) and with the
 * learned one ({@code MergeRule.LEARNED}, the default), in the same run: which lessons merge
 * decides which paragraph a title can still find. Not part of {@code verify}.
 *
 * <pre>
 * java -cp ... dev.beca.memory.bench.LessonMergeRuleRetrieval SPRING_BOOT_CHECKOUT WORK_DIR
 * </pre>
 */
public final class LessonMergeRuleRetrieval {

  private LessonMergeRuleRetrieval() {}

  /** Runs both; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    Path docs = Path.of(args[0]).resolve("documentation/spring-boot-docs/src/docs/antora/modules");
    Path dir = Path.of(args[1]).toAbsolutePath();
    List<LessonRetrievalBenchmark.Section> howTo =
        LessonRetrievalBenchmark.sections(docs.resolve("how-to/pages"));
    List<LessonRetrievalBenchmark.Section> reference =
        LessonRetrievalBenchmark.sections(docs.resolve("reference/pages"));
    List<LessonRetrievalBenchmark.Section> queries =
        howTo.stream().filter(s -> s.title().split("\\s+").length >= 3).limit(100).toList();
    List<LessonRetrievalBenchmark.Section> all = new ArrayList<>(howTo);
    all.addAll(reference.subList(0, Math.min(reference.size(), Math.max(0, 300 - howTo.size()))));
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (LessonMatcher.MergeRule rule : LessonMatcher.MergeRule.values()) {
      LessonRetrievalBenchmark.quality(
          rule.name(),
          dir.resolve(rule.name()),
          SqliteKnowledgeBase.builder()
              .lessonMatcher(LessonMatcher.builder().mergeRule(rule).build()),
          all,
          queries);
    }
  }
}
