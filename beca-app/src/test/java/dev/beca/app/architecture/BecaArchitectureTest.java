package dev.beca.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.beca.app.architecture.fixture.corejdbc.core.JdbcCore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every rule of {@link BecaArchitectureRules} against BECA's production classes: the main
 * classes of all modules below {@value BecaArchitectureRules#BECA_ROOT}, without test classes (so
 * the violating fixtures of {@link ArchitectureRulesDetectViolationsTest} and the test-jar of
 * beca-core never count) and without third-party jars.
 */
class BecaArchitectureTest {

  /** BECA's module jars, as they appear on the classpath when the reactor has packaged them. */
  private static final Pattern BECA_MAIN_JAR =
      Pattern.compile("/beca-(core|memory|models|benchmark|selfimprove|server|app)-[^/!]*\\.jar!/");

  /**
   * Keeps BECA's own classes only: class directories ({@code target/classes}), and BECA's module
   * jars but none of their test-jars. A plain {@link ImportOption.DoNotIncludeJars} would drop
   * every other module as soon as Maven resolves them as packaged jars (as it does in {@code mvn
   * verify}), and {@link ImportOption.DoNotIncludeTests} does not recognise {@code *-tests.jar}.
   */
  static final ImportOption ONLY_BECA_OWN_CLASSES =
      new ImportOption() {
        @Override
        public boolean includes(Location location) {
          if (!location.isArchive()) {
            return true;
          }
          String uri = location.asURI().toString();
          return BECA_MAIN_JAR.matcher(uri).find() && !uri.contains("-tests.jar!/");
        }
      };

  private static final int MINIMUM_CLASS_COUNT = 15;

  private static JavaClasses production;
  private static final BecaArchitectureRules RULES = BecaArchitectureRules.forBeca();

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(ONLY_BECA_OWN_CLASSES)
            .importPackages(BecaArchitectureRules.BECA_ROOT);
  }

  // --- guards: the import found BECA's real classes and nothing else ---------------------------

  @Test
  void importFindsTheProductionClassesOfEveryImplementedModule() {
    List<JavaClass> realClasses =
        production.stream()
            .filter(javaClass -> !javaClass.getSimpleName().equals("package-info"))
            .toList();

    assertThat(realClasses)
        .as("BECA production classes imported from %s", BecaArchitectureRules.BECA_ROOT)
        .hasSizeGreaterThanOrEqualTo(MINIMUM_CLASS_COUNT);
    Set<String> packages =
        realClasses.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    for (String module : List.of("core", "memory", "models", "app")) {
      String modulePackage = BecaArchitectureRules.BECA_ROOT + "." + module;
      assertThat(packages)
          .as("packages of imported classes should include module %s", modulePackage)
          .anyMatch(p -> p.equals(modulePackage) || p.startsWith(modulePackage + "."));
    }
  }

  @Test
  void importContainsNoTestClassesNorFixtures() {
    assertThat(production.stream().map(JavaClass::getPackageName))
        .as("the architecture tests and their violating fixtures are test classes")
        .noneMatch(
            p ->
                p.equals(getClass().getPackageName())
                    || p.startsWith(getClass().getPackageName() + "."));
    assertThat(production.contain(BecaArchitectureTest.class)).isFalse();
    assertThat(production.contain(JdbcCore.class)).isFalse();
    assertThat(
            production.stream()
                .map(JavaClass::getSource)
                .flatMap(Optional::stream)
                .map(Source::getUri)
                .map(Object::toString))
        .as("class file locations")
        .noneMatch(uri -> uri.contains("/test-classes/") || uri.contains("-tests.jar!/"));
  }

  @Test
  void importContainsNoThirdPartyClasses() {
    assertThat(production.stream().map(JavaClass::getName))
        .allMatch(name -> name.startsWith(BecaArchitectureRules.BECA_ROOT + "."));
  }

  // --- the rules -------------------------------------------------------------------------------

  @Test
  void coreDependsOnNoOtherModule() {
    RULES.coreDependsOnNoOtherModule().check(production);
  }

  @Test
  void coreUsesNoIoLibrary() {
    RULES.coreUsesNoIoLibrary().check(production);
  }

  @Test
  void memoryModelsBenchmarkAndSelfimproveDependOnCoreOnly() {
    RULES.libraryModulesDependOnCoreOnly().check(production);
  }

  @Test
  void nothingOutsideAppDependsOnApp() {
    RULES.nothingDependsOnApp().check(production);
  }

  @Test
  void packagesAreFreeOfCycles() {
    RULES.noPackageCycles().check(production);
  }

  @Test
  void internalPackagesAreUsedOnlyFromTheirOwnModule() {
    RULES.internalPackagesStayInsideTheirModule().check(production);
  }

  @Test
  void noClassIsNamedImpl() {
    RULES.noImplSuffixedClasses().check(production);
  }

  @Test
  void noInterfaceIsNamedIPrefixed() {
    RULES.noIPrefixedInterfaces().check(production);
  }

  @Test
  void libraryModulesDoNotWriteToStandardStreams() {
    RULES.libraryModulesDoNotAccessStandardStreams().check(production);
  }

  @Test
  void libraryModulesDoNotUseJavaUtilLogging() {
    RULES.libraryModulesDoNotUseJavaUtilLogging().check(production);
  }

  /** Catches a rule added to {@link BecaArchitectureRules#all()} without a test method above. */
  @Test
  void everyRuleOfTheRuleSetHolds() {
    List<String> failures =
        RULES.all().stream()
            .map(rule -> rule.evaluate(production))
            .filter(EvaluationResult::hasViolation)
            .map(result -> result.getFailureReport().toString())
            .toList();

    assertThat(failures).as("rules violated by BECA's production classes").isEmpty();
  }
}
