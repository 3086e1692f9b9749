package dev.beca.selfimprove.recipes;

import static dev.beca.selfimprove.recipes.RecipeFixtureSupport.applyWithGit;
import static dev.beca.selfimprove.recipes.RecipeFixtureSupport.compileAndCheck;
import static dev.beca.selfimprove.recipes.RecipeFixtureSupport.repository;
import static dev.beca.selfimprove.recipes.RecipeFixtureSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.StaticJavaParser;
import dev.beca.selfimprove.analysis.CodeAnalysis;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each recipe on a fixture with safe and unsafe shapes: exactly the safe ones get a change, every
 * diff passes the real {@code git apply --check}, and the applied file compiles and computes what
 * the original computed.
 */
class RecipeProposerTest {

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(
            "StringBuilderFixture",
            Set.of("STRING_BUILDER result += part;", "STRING_BUILDER out = out + i + \",\";"),
            List.of(
                "StringBuilder result = new StringBuilder();",
                "result.append(part);",
                "return result.toString();",
                "out.append(i).append(\",\");",
                "String copy = out.toString();")),
        Arguments.of(
            "MapLookupFixture",
            Set.of(
                "SINGLE_MAP_LOOKUP if (counts.containsKey(word)) {",
                "SINGLE_MAP_LOOKUP if (suppliers.containsKey(key)) {",
                "SINGLE_MAP_LOOKUP return labels.containsKey(key) ? labels.get(key) : \"none\";",
                "SINGLE_MAP_LOOKUP return labels.containsKey(key) ? labels.get(key) : null;"),
            List.of(
                "Integer wordValue = counts.get(word);",
                "if (wordValue != null) {",
                "total += wordValue * 10;",
                "return labels.getOrDefault(key, \"none\");",
                "return keyValue.get();")),
        Arguments.of(
            "PatternFixture",
            Set.of(
                "PATTERN_CONSTANT Pattern word = Pattern.compile(\"\\\\w+\");",
                "PATTERN_CONSTANT if (Pattern.compile(\"[0-9]+\", Pattern.CASE_INSENSITIVE)"
                    + ".matcher(item).find()) {"),
            List.of(
                "private static final Pattern WORD_PATTERN = Pattern.compile(\"\\\\w+\");",
                "Pattern word = WORD_PATTERN;",
                "private static final Pattern PATTERN = Pattern.compile(\"[0-9]+\","
                    + " Pattern.CASE_INSENSITIVE);")),
        Arguments.of(
            "HoistFixture",
            Set.of(
                "HOIST_FROM_LOOP SimpleDateFormat format = new SimpleDateFormat(\"yyyy-MM-dd\");",
                "HOIST_FROM_LOOP DateTimeFormatter formatter ="
                    + " DateTimeFormatter.ofPattern(\"dd.MM.yyyy\");"),
            List.of()),
        Arguments.of(
            "SmallFixes",
            Set.of(
                "REMOVE_UNUSED_IMPORT import java.util.LinkedList;",
                "REMOVE_UNUSED_FIELD private static final String UNUSED_NAME = \"x\" + \"y\";",
                "IS_EMPTY return list.size() == 0;",
                "IS_EMPTY return map.size() > 0;",
                "IS_EMPTY return 0 != text.length();",
                "UNBOX_DIRECTLY return Integer.valueOf(x).intValue() + 1;",
                "UNBOX_DIRECTLY return Integer.valueOf(digits).intValue();",
                "RETURN_CONDITION if (x > 0) {",
                "RETURN_CONDITION if (x < 0) return false;"),
            List.of(
                "return list.isEmpty();",
                "return !map.isEmpty();",
                "return !text.isEmpty();",
                "return x + 1;",
                "return Integer.parseInt(digits);",
                "return x > 0;",
                "return !(x < 0);")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void proposesExactlyTheSafeShapesAndEachDiffAppliesCompilesAndBehavesTheSame(
      String name, Set<String> expected, List<String> addedLines, @TempDir Path dir)
      throws Exception {
    String file = "src/main/java/fixture/" + name + ".java";
    String source = resource(name + ".java");
    Path repo = repository(dir.resolve("repo"), file, source);
    String[] lines = source.split("\n", -1);
    String before = compileAndCheck(dir, "fixture." + name, source);

    CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(repo);
    List<RecipeChange> changes = RecipeProposer.builder().build().propose(repo, analysis);

    Set<String> proposed = new TreeSet<>();
    changes.forEach(
        change -> proposed.add(change.recipe() + " " + lines[change.finding().line() - 1].strip()));
    assertThat(proposed).isEqualTo(new TreeSet<>(expected));
    StringBuilder allAdded = new StringBuilder();
    for (RecipeChange change : changes) {
      assertThat(change.files()).containsExactly(file);
      assertThat(change.diff()).startsWith("diff --git a/" + file + " b/" + file + "\n");
      assertThat(change.risk().linesChanged()).isPositive();
      assertThat(change.description()).isNotBlank();
      String applied = applyWithGit(repo, change.diff(), file);
      StaticJavaParser.parse(applied);
      assertThat(compileAndCheck(dir, "fixture." + name, applied))
          .as("behaviour after %s", change.description())
          .isEqualTo(before);
      change
          .diff()
          .lines()
          .filter(l -> l.startsWith("+"))
          .forEach(l -> allAdded.append(l.strip()).append('\n'));
    }
    for (String line : addedLines) {
      assertThat(allAdded.toString()).contains(line);
    }
  }
}
