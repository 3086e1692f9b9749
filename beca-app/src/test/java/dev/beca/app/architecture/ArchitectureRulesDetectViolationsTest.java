package dev.beca.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.beca.app.architecture.fixture.compliant.app.BecaCli;
import dev.beca.app.architecture.fixture.coreapp.app.AppWiring;
import dev.beca.app.architecture.fixture.coreapp.core.CoreUsingApp;
import dev.beca.app.architecture.fixture.corehttp.core.HttpClientCore;
import dev.beca.app.architecture.fixture.corehttp.core.HttpServerCore;
import dev.beca.app.architecture.fixture.corehttp.core.PlainCore;
import dev.beca.app.architecture.fixture.corejdbc.core.JdbcCore;
import dev.beca.app.architecture.fixture.coremodule.core.CoreUsingMemory;
import dev.beca.app.architecture.fixture.cycle.core.a.CycleA;
import dev.beca.app.architecture.fixture.cycle.core.b.CycleB;
import dev.beca.app.architecture.fixture.internalaccess.memory.MemoryUsingModelsInternal;
import dev.beca.app.architecture.fixture.internalaccess.models.ModelsFacade;
import dev.beca.app.architecture.fixture.logging.app.ConsoleOutput;
import dev.beca.app.architecture.fixture.logging.core.StdoutPrinter;
import dev.beca.app.architecture.fixture.logging.memory.JulLogging;
import dev.beca.app.architecture.fixture.logging.memory.JulWithoutField;
import dev.beca.app.architecture.fixture.naming.core.FooImpl;
import dev.beca.app.architecture.fixture.naming.core.IThing;
import dev.beca.app.architecture.fixture.naming.core.IdentityProvider;
import dev.beca.app.architecture.fixture.naming.core.InMemoryThing;
import dev.beca.app.architecture.fixture.naming.core.Thing;
import dev.beca.app.architecture.fixture.siblings.memory.MemoryUsingCore;
import dev.beca.app.architecture.fixture.siblings.memory.MemoryUsingModels;
import dev.beca.app.architecture.fixture.siblings.server.ServerUsingCore;
import dev.beca.app.architecture.fixture.siblings.server.ServerUsingMemory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that the rules of {@link BecaArchitectureRules} can fail: each rule, built for a small
 * fixture root laid out like BECA ({@code dev.beca.app.architecture.fixture.<name>}), must report
 * the fixture class that breaks it and must not report the compliant classes next to it. The {@code
 * compliant} fixture breaks no rule at all, so the rules can fail both ways.
 */
class ArchitectureRulesDetectViolationsTest {

  private static final String FIXTURES = "dev.beca.app.architecture.fixture";

  /** Picks one rule out of the rule set of a root. */
  private interface RuleRef extends Function<BecaArchitectureRules, ArchRule> {}

  // --- rule 1a -------------------------------------------------------------------------------

  @Test
  void coreDependingOnAnotherModuleIsReported() {
    EvaluationResult result =
        evaluate("coremodule", BecaArchitectureRules::coreDependsOnNoOtherModule);

    assertViolationsName(result, CoreUsingMemory.class);
    assertThat(details(result)).anyMatch(detail -> detail.contains("module core -> module memory"));
  }

  // --- rule 1b -------------------------------------------------------------------------------

  @Test
  void coreUsingJdbcIsReported() {
    EvaluationResult result = evaluate("corejdbc", BecaArchitectureRules::coreUsesNoIoLibrary);

    assertViolationsName(result, JdbcCore.class);
    assertThat(details(result)).anyMatch(detail -> detail.contains("java.sql.Connection"));
  }

  @Test
  void coreUsingTheJdkHttpServerOrHttpClientIsReportedButAPlainUriIsNot() {
    EvaluationResult result = evaluate("corehttp", BecaArchitectureRules::coreUsesNoIoLibrary);

    assertViolationsName(result, HttpServerCore.class, HttpClientCore.class);
    assertThat(details(result))
        .anyMatch(detail -> detail.contains("com.sun.net.httpserver.HttpServer"))
        .anyMatch(detail -> detail.contains("java.net.http.HttpClient"));
    assertViolationsDoNotName(result, PlainCore.class);
  }

  // --- rule 2 --------------------------------------------------------------------------------

  @Test
  void memoryDependingOnModelsIsReportedButMemoryUsingACorePortIsNot() {
    EvaluationResult result =
        evaluate("siblings", BecaArchitectureRules::libraryModulesDependOnCoreOnly);

    assertViolationsName(result, MemoryUsingModels.class);
    assertThat(details(result))
        .anyMatch(detail -> detail.contains("module memory -> module models"));
    assertViolationsDoNotName(result, MemoryUsingCore.class);
  }

  @Test
  void serverDependingOnMemoryIsReportedButServerUsingACorePortIsNot() {
    EvaluationResult result =
        evaluate("siblings", BecaArchitectureRules::libraryModulesDependOnCoreOnly);

    assertViolationsName(result, ServerUsingMemory.class);
    assertThat(details(result))
        .anyMatch(detail -> detail.contains("module server -> module memory"));
    assertViolationsDoNotName(result, ServerUsingCore.class);
  }

  // --- rule 3 --------------------------------------------------------------------------------

  @Test
  void coreDependingOnAppIsReported() {
    EvaluationResult result = evaluate("coreapp", BecaArchitectureRules::nothingDependsOnApp);

    assertViolationsName(result, CoreUsingApp.class);
    assertThat(details(result))
        .allMatch(detail -> !detail.startsWith("Method <" + AppWiring.class.getName()));
  }

  // --- rule 4 --------------------------------------------------------------------------------

  @Test
  void packageCycleBetweenTwoPackagesIsReported() {
    EvaluationResult result = evaluate("cycle", BecaArchitectureRules::noPackageCycles);

    assertViolationsName(result, CycleA.class, CycleB.class);
    assertThat(String.join("\n", details(result)))
        .contains("Cycle detected")
        .contains(CycleA.class.getPackageName())
        .contains(CycleB.class.getPackageName());
  }

  // --- rule 5 --------------------------------------------------------------------------------

  @Test
  void memoryUsingModelsInternalIsReportedButModelsUsingItsOwnInternalIsNot() {
    EvaluationResult result =
        evaluate("internalaccess", BecaArchitectureRules::internalPackagesStayInsideTheirModule);

    assertViolationsName(result, MemoryUsingModelsInternal.class);
    assertThat(details(result))
        .anyMatch(detail -> detail.contains("of module models used from module memory"));
    assertViolationsDoNotName(result, ModelsFacade.class);
  }

  // --- rule 6 --------------------------------------------------------------------------------

  @Test
  void classNamedImplIsReported() {
    EvaluationResult result = evaluate("naming", BecaArchitectureRules::noImplSuffixedClasses);

    assertViolationsName(result, FooImpl.class);
    assertThat(details(result)).hasSize(1);
  }

  @Test
  void interfaceNamedIPlusCapitalIsReportedButPlainNounsAreNot() {
    EvaluationResult result = evaluate("naming", BecaArchitectureRules::noIPrefixedInterfaces);

    assertViolationsName(result, IThing.class);
    assertThat(details(result)).hasSize(1);
    assertViolationsDoNotName(result, Thing.class, IdentityProvider.class, InMemoryThing.class);
  }

  // --- rule 7 --------------------------------------------------------------------------------

  @Test
  void libraryClassPrintingToSystemOutIsReportedButTheAppMayPrint() {
    EvaluationResult result =
        evaluate("logging", BecaArchitectureRules::libraryModulesDoNotAccessStandardStreams);

    assertViolationsName(result, StdoutPrinter.class);
    assertThat(details(result)).anyMatch(detail -> detail.contains("java.lang.System.out"));
    assertViolationsDoNotName(result, ConsoleOutput.class);
  }

  @Test
  void libraryClassesUsingJavaUtilLoggingWithOrWithoutALoggerFieldAreReported() {
    EvaluationResult result =
        evaluate("logging", BecaArchitectureRules::libraryModulesDoNotUseJavaUtilLogging);

    assertViolationsName(result, JulLogging.class, JulWithoutField.class);
    assertThat(details(result))
        .anyMatch(detail -> detail.contains("java.util.logging.Logger.warning"));
    assertViolationsDoNotName(result, StdoutPrinter.class, ConsoleOutput.class);
  }

  // --- both ways: a compliant code base, and the exact set of rules each fixture breaks -------

  static Stream<Arguments> everyRule() {
    BecaArchitectureRules compliant = rulesFor("compliant");
    return compliant.all().stream().map(rule -> arguments(rule.getDescription(), rule));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRule")
  void compliantFixtureBreaksNoRule(String description, ArchRule rule) {
    JavaClasses classes = importFixture("compliant");

    EvaluationResult result = rule.evaluate(classes);

    assertThat(result.hasViolation())
        .as("%s reported:%n%s", description, result.getFailureReport())
        .isFalse();
  }

  @Test
  void compliantFixtureContainsEveryModuleAndAnInternalPackage() {
    JavaClasses classes = importFixture("compliant");

    String root = FIXTURES + ".compliant";
    assertThat(classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
        .contains(
            root + ".core",
            root + ".core.internal",
            root + ".memory",
            root + ".memory.internal",
            root + ".models",
            root + ".app");
    assertThat(classes.contain(BecaCli.class)).isTrue();
  }

  static Stream<Arguments> fixturesAndTheRulesTheyBreak() {
    return Stream.of(
        arguments("compliant", List.of()),
        arguments("coremodule", rules(BecaArchitectureRules::coreDependsOnNoOtherModule)),
        arguments("corejdbc", rules(BecaArchitectureRules::coreUsesNoIoLibrary)),
        arguments("corehttp", rules(BecaArchitectureRules::coreUsesNoIoLibrary)),
        arguments("siblings", rules(BecaArchitectureRules::libraryModulesDependOnCoreOnly)),
        // core -> app is both "core depends on another module" and "something depends on app"
        arguments(
            "coreapp",
            rules(
                BecaArchitectureRules::coreDependsOnNoOtherModule,
                BecaArchitectureRules::nothingDependsOnApp)),
        arguments("cycle", rules(BecaArchitectureRules::noPackageCycles)),
        // memory -> models.internal is both a sibling dependency and an internal access
        arguments(
            "internalaccess",
            rules(
                BecaArchitectureRules::libraryModulesDependOnCoreOnly,
                BecaArchitectureRules::internalPackagesStayInsideTheirModule)),
        arguments(
            "naming",
            rules(
                BecaArchitectureRules::noImplSuffixedClasses,
                BecaArchitectureRules::noIPrefixedInterfaces)),
        arguments(
            "logging",
            rules(
                BecaArchitectureRules::libraryModulesDoNotAccessStandardStreams,
                BecaArchitectureRules::libraryModulesDoNotUseJavaUtilLogging)));
  }

  /**
   * Each fixture breaks exactly the rules it was written for: no rule is silent on its own fixture,
   * and no rule fires on a fixture it has nothing to do with. Fixtures do not contain every module,
   * so rules that would match no class there are evaluated with empty {@code should} allowed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixturesAndTheRulesTheyBreak")
  void eachFixtureBreaksExactlyTheRulesItWasWrittenFor(
      String fixture, List<RuleRef> expectedRules) {
    BecaArchitectureRules rules = rulesFor(fixture);
    JavaClasses classes = importFixture(fixture);

    Set<String> broken =
        rules.all().stream()
            .filter(rule -> rule.allowEmptyShould(true).evaluate(classes).hasViolation())
            .map(ArchRule::getDescription)
            .collect(Collectors.toSet());

    Set<String> expected =
        expectedRules.stream()
            .map(ref -> ref.apply(rules).getDescription())
            .collect(Collectors.toSet());
    assertThat(broken).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyRuleIsBrokenBySomeFixture() {
    Set<String> coveredRuleMethods =
        fixturesAndTheRulesTheyBreak()
            .flatMap(
                arguments -> {
                  BecaArchitectureRules rules = rulesFor((String) arguments.get()[0]);
                  @SuppressWarnings("unchecked")
                  List<RuleRef> refs = (List<RuleRef>) arguments.get()[1];
                  return refs.stream()
                      .map(ref -> withoutRoot(ref.apply(rules).getDescription(), rules.root()));
                })
            .collect(Collectors.toSet());

    BecaArchitectureRules anyRoot = rulesFor("compliant");
    Set<String> allRules =
        anyRoot.all().stream()
            .map(rule -> withoutRoot(rule.getDescription(), anyRoot.root()))
            .collect(Collectors.toSet());
    assertThat(coveredRuleMethods).isEqualTo(allRules);
  }

  @Test
  void checkingAViolatingFixtureThrowsAnAssertionErrorNamingTheRuleAndTheClass() {
    ArchRule rule = rulesFor("corejdbc").coreUsesNoIoLibrary();
    JavaClasses classes = importFixture("corejdbc");

    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("should use no I/O library")
        .hasMessageContaining(JdbcCore.class.getName());
  }

  @Test
  void ruleMatchingNoClassFailsInsteadOfPassingSilently() {
    ArchRule rule = rulesFor("nosuchfixture").coreUsesNoIoLibrary();
    JavaClasses nothing = importFixture("nosuchfixture");

    assertThat(nothing).isEmpty();
    assertThatThrownBy(() -> rule.evaluate(nothing))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed to check any classes");
  }

  @Test
  void rootMustBeAPackageName() {
    assertThatThrownBy(() -> BecaArchitectureRules.forRoot(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("root");
    assertThatThrownBy(() -> BecaArchitectureRules.forRoot("dev.beca."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BecaArchitectureRules.forBeca().root()).isEqualTo("dev.beca");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static List<RuleRef> rules(RuleRef... refs) {
    return Arrays.asList(refs);
  }

  private static BecaArchitectureRules rulesFor(String fixture) {
    return BecaArchitectureRules.forRoot(FIXTURES + "." + fixture);
  }

  private static JavaClasses importFixture(String fixture) {
    return new ClassFileImporter().importPackages(FIXTURES + "." + fixture);
  }

  private static EvaluationResult evaluate(String fixture, RuleRef ref) {
    return ref.apply(rulesFor(fixture)).evaluate(importFixture(fixture));
  }

  private static List<String> details(EvaluationResult result) {
    return result.getFailureReport().getDetails();
  }

  private static void assertViolationsName(EvaluationResult result, Class<?>... offenders) {
    assertThat(result.hasViolation()).as("rule should report a violation").isTrue();
    String report = String.join("\n", details(result));
    for (Class<?> offender : offenders) {
      assertThat(report).as("failure report").contains(offender.getName());
    }
  }

  private static void assertViolationsDoNotName(EvaluationResult result, Class<?>... compliant) {
    for (Class<?> javaClass : compliant) {
      assertThat(details(result))
          .as("failure report lines")
          .noneMatch(detail -> mentionsClass(detail, javaClass));
    }
  }

  /**
   * True if the detail names the class itself (not merely a class whose name it is a prefix of).
   */
  private static boolean mentionsClass(String detail, Class<?> javaClass) {
    String name = javaClass.getName();
    int from = 0;
    int at;
    while ((at = detail.indexOf(name, from)) >= 0) {
      int end = at + name.length();
      boolean followedByNamePart =
          end < detail.length()
              && Character.isJavaIdentifierPart(detail.charAt(end))
              && detail.charAt(end) != '$';
      if (!followedByNamePart) {
        return true;
      }
      from = end;
    }
    return false;
  }

  private static String withoutRoot(String description, String root) {
    return description.replace(root, "<root>");
  }
}
