package dev.beca.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The architecture rules of BECA (see {@code DESIGN.md}, "Modules and the one direction of
 * dependencies" and "Packages and names"), written once and parameterised by the root package.
 *
 * <p>The rules assume BECA's module layout below the root: {@code <root>.core}, {@code
 * <root>.memory}, {@code <root>.models}, {@code <root>.benchmark}, {@code <root>.selfimprove},
 * {@code <root>.server} and {@code <root>.app}, each with an optional {@code
 * <root>.<module>.internal} package. The <em>module</em> of a class is the first package segment
 * below the root. {@link #forRoot(String) forRoot("dev.beca")} gives the rules for BECA itself; the
 * tests also build the very same rules for small fixture roots (which mimic that layout) to prove
 * that each rule really reports what it claims to forbid.
 *
 * <h2>The rules and why they exist</h2>
 *
 * <ol>
 *   <li>{@link #coreDependsOnNoOtherModule()}: beca-core is the bottom of the module graph. Every
 *       other module implements or consumes its interfaces; if core reached back up, the modules
 *       could no longer be embedded one by one and the dependency direction would be circular.
 *   <li>{@link #coreUsesNoIoLibrary()}: core holds domain types, ports and orchestration written
 *       against LangChain4j's provider-neutral API. JDBC, SQLite, MyBatis, Flyway, JGit, HTTP
 *       clients and servers, web frameworks and LangChain4j provider clients (Ollama, OpenAI)
 *       belong in the adapter modules, so that core stays small, testable without I/O and usable
 *       with any store or provider a user plugs in.
 *   <li>{@link #libraryModulesDependOnCoreOnly()}: memory, models, benchmark and selfimprove are
 *       siblings. They cooperate only through core interfaces that the app wires together, so any
 *       one of them can be replaced (another store, another model provider) without touching the
 *       others.
 *   <li>{@link #nothingDependsOnApp()}: beca-app is the composition root (CLI, REST API, web GUI).
 *       It is never embedded, so nothing an embedding project uses may need it.
 *   <li>{@link #noPackageCycles()}: every package (one slice per package, modules' sub-packages
 *       included) must be free of cycles; cycles make packages impossible to understand, test or
 *       move on their own and are the first step towards module cycles.
 *   <li>{@link #internalPackagesStayInsideTheirModule()}: whatever is not published API lives in an
 *       {@code internal} package, which only its own module may use. That keeps the published
 *       surface deliberate and lets a module change its internals freely.
 *   <li>{@link #noImplSuffixedClasses()} and {@link #noIPrefixedInterfaces()}: interfaces are plain
 *       nouns, implementations are named by what makes them different ({@code SqliteLessonStore},
 *       {@code OllamaModelServer}); {@code ...Impl} and {@code I...} names say nothing about that.
 *   <li>{@link #libraryModulesDoNotAccessStandardStreams()} and {@link
 *       #libraryModulesDoNotUseJavaUtilLogging()}: every module except the app is a library
 *       embedded in someone else's program. It logs through slf4j, so the host decides where the
 *       output goes; it must not print to {@code System.out}/{@code System.err} (or {@code
 *       printStackTrace()}) nor configure {@code java.util.logging}. The app, being the command
 *       line, may print. Both rules reuse ArchUnit's {@link GeneralCodingRules} conditions; since
 *       {@link GeneralCodingRules#USE_JAVA_UTIL_LOGGING} only notices a field of a {@code
 *       java.util.logging} type being set, the logging rule adds any dependency on {@code
 *       java.util.logging..} (e.g. {@code Logger.getLogger(..).info(..)} without a field).
 * </ol>
 *
 * <h2>Empty rules</h2>
 *
 * ArchUnit fails a rule whose {@code that()} clause matches no class, which protects against
 * checking nothing by mistake. Every rule here keeps that default: each one is scoped to a group of
 * classes that BECA necessarily has (core, the library modules as a group, the whole root). The
 * sibling-module rule covers memory, models, benchmark and selfimprove in one rule, so benchmark
 * and selfimprove may still be empty (package-info only) without the rule failing.
 */
public final class BecaArchitectureRules {

  /** The root package of BECA's production code. */
  public static final String BECA_ROOT = "dev.beca";

  /** The module that every other module may depend on. */
  public static final String CORE = "core";

  /** The composition root; nothing else may depend on it. */
  public static final String APP = "app";

  /** The sibling modules that may depend on core only. */
  public static final List<String> LIBRARY_MODULES =
      List.of("memory", "models", "benchmark", "selfimprove", "server");

  /** The package segment that marks a module's non-published code. */
  public static final String INTERNAL = "internal";

  /**
   * Packages (with their sub-packages) of I/O libraries that beca-core must not use: JDBC, SQLite,
   * MyBatis, Flyway, JGit, HTTP clients and servers, web frameworks, LangChain4j's HTTP client
   * abstraction (not part of langchain4j-core) and LangChain4j's provider clients.
   */
  public static final List<String> IO_LIBRARY_PACKAGES =
      List.of(
          "java.sql..",
          "javax.sql..",
          "org.sqlite..",
          "org.mybatis..",
          "org.apache.ibatis..",
          "org.flywaydb..",
          "org.eclipse.jgit..",
          "java.net.http..",
          "okhttp3..",
          "org.apache.http..",
          "org.apache.hc..",
          "com.sun.net.httpserver..",
          "io.javalin..",
          "jakarta.servlet..",
          "javax.servlet..",
          "org.eclipse.jetty..",
          "dev.langchain4j.http..",
          "dev.langchain4j.model.ollama..",
          "dev.langchain4j.model.openai..");

  /** Single I/O classes outside the packages above that beca-core must not use either. */
  public static final List<String> IO_LIBRARY_CLASSES =
      List.of("java.net.HttpURLConnection", "javax.net.ssl.HttpsURLConnection");

  private static final Pattern I_PREFIXED_SIMPLE_NAME = Pattern.compile("I[A-Z].*");

  private final String root;

  private BecaArchitectureRules(String root) {
    this.root = root;
  }

  /**
   * The rules for a code base laid out like BECA below {@code root}.
   *
   * @param root the root package, {@code "dev.beca"} for BECA itself
   * @return the rules for that root
   * @throws IllegalArgumentException if {@code root} is blank or not a package name
   */
  public static BecaArchitectureRules forRoot(String root) {
    Objects.requireNonNull(root, "root must not be null");
    if (!root.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
      throw new IllegalArgumentException(
          "root must be a package name such as dev.beca, was '" + root + "'");
    }
    return new BecaArchitectureRules(root);
  }

  /** The rules for BECA's own packages below {@value #BECA_ROOT}. */
  public static BecaArchitectureRules forBeca() {
    return forRoot(BECA_ROOT);
  }

  /** The root package these rules were built for. */
  public String root() {
    return root;
  }

  /** Every rule, in the order of the class documentation. */
  public List<ArchRule> all() {
    return List.of(
        coreDependsOnNoOtherModule(),
        coreUsesNoIoLibrary(),
        libraryModulesDependOnCoreOnly(),
        nothingDependsOnApp(),
        noPackageCycles(),
        internalPackagesStayInsideTheirModule(),
        noImplSuffixedClasses(),
        noIPrefixedInterfaces(),
        libraryModulesDoNotAccessStandardStreams(),
        libraryModulesDoNotUseJavaUtilLogging());
  }

  /** Rule 1a: core depends on no other module of the code base. */
  public ArchRule coreDependsOnNoOtherModule() {
    return noClasses()
        .that()
        .resideInAPackage(modulePackage(CORE))
        .should(dependOnModulesOtherThanTheirOwnAndCore())
        .as("beca-core (" + modulePackage(CORE) + ") should depend on no other BECA module")
        .because(
            "core is the bottom of the module graph: every other module depends on it, never the"
                + " other way round");
  }

  /** Rule 1b: core uses no I/O library. */
  public ArchRule coreUsesNoIoLibrary() {
    DescribedPredicate<JavaClass> ioLibrary =
        resideInAnyPackage(IO_LIBRARY_PACKAGES.toArray(String[]::new))
            .or(
                DescribedPredicate.describe(
                    "is one of " + IO_LIBRARY_CLASSES,
                    (JavaClass javaClass) -> IO_LIBRARY_CLASSES.contains(javaClass.getName())))
            .as(
                "belong to an I/O library (JDBC, SQLite, MyBatis, Flyway, JGit, HTTP, web framework or"
                    + " LangChain4j provider client)");
    return noClasses()
        .that()
        .resideInAPackage(modulePackage(CORE))
        .should()
        .dependOnClassesThat(ioLibrary)
        .as("beca-core (" + modulePackage(CORE) + ") should use no I/O library")
        .because(
            "core holds domain types, ports and provider-neutral orchestration; storage, git, HTTP,"
                + " web and model provider clients belong in the adapter modules");
  }

  /**
   * Rule 2: memory, models, benchmark, selfimprove and server depend on core only, never on each
   * other.
   */
  public ArchRule libraryModulesDependOnCoreOnly() {
    return noClasses()
        .that()
        .resideInAnyPackage(
            LIBRARY_MODULES.stream().map(this::modulePackage).toArray(String[]::new))
        .should(dependOnModulesOtherThanTheirOwnAndCore())
        .as(
            "beca-memory, beca-models, beca-benchmark, beca-selfimprove and beca-server should depend"
                + " on beca-core only, never on each other")
        .because(
            "the sibling modules cooperate through core interfaces that the app wires, so each"
                + " can be replaced on its own");
  }

  /** Rule 3: nothing outside beca-app depends on beca-app. */
  public ArchRule nothingDependsOnApp() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(modulePackage(APP))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(modulePackage(APP))
        .as("nothing outside beca-app should depend on beca-app (" + modulePackage(APP) + ")")
        .because("beca-app is the composition root and is never embedded");
  }

  /** Rule 4: no cycles between the packages below the root (one slice per package). */
  public ArchRule noPackageCycles() {
    return SlicesRuleDefinition.slices()
        .assignedFrom(onePackageOneSlice())
        .should()
        .beFreeOfCycles()
        .as("packages below " + root + " should be free of cycles")
        .because(
            "package cycles make packages impossible to understand, test or move on their own");
  }

  /** Rule 5: an {@code internal} package is used from its own module only. */
  public ArchRule internalPackagesStayInsideTheirModule() {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(useInternalPackagesOfTheirOwnModuleOnly())
        .as(
            "internal packages ("
                + root
                + ".<module>.."
                + INTERNAL
                + "..) should be used only from"
                + " their own module")
        .because(
            "what is not published API lives in an internal package so the module can change it"
                + " freely");
  }

  /** Rule 6a: no class is named {@code ...Impl}. */
  public ArchRule noImplSuffixedClasses() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .haveSimpleNameEndingWith("Impl")
        .as("no class below " + root + " should be named ...Impl")
        .because(
            "implementations are named by what makes them different (SqliteLessonStore,"
                + " OllamaModelServer), never ...Impl");
  }

  /** Rule 6b: no interface is named {@code I} followed by an upper-case letter. */
  public ArchRule noIPrefixedInterfaces() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .areInterfaces()
        .should(haveAnIPrefixedSimpleName())
        .as("no interface below " + root + " should be named I[A-Z]...")
        .because("interfaces are plain nouns (LessonStore, QualityProbe), never I...");
  }

  /**
   * Rule 7a: library modules (everything but the app) do not use {@code System.out}/{@code
   * System.err}.
   */
  public ArchRule libraryModulesDoNotAccessStandardStreams() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(modulePackage(APP))
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .as(
            "library modules (all but "
                + modulePackage(APP)
                + ") should not access standard streams")
        .because(
            "a library is embedded in someone else's program: it logs through slf4j instead of"
                + " printing to System.out/System.err");
  }

  /** Rule 7b: library modules (everything but the app) do not use {@code java.util.logging}. */
  public ArchRule libraryModulesDoNotUseJavaUtilLogging() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(modulePackage(APP))
        .should(
            GeneralCodingRules.USE_JAVA_UTIL_LOGGING.or(
                ArchConditions.dependOnClassesThat(resideInAPackage("java.util.logging.."))))
        .as("library modules (all but " + modulePackage(APP) + ") should not use java.util.logging")
        .because(
            "a library logs through slf4j so the embedding program chooses the logging backend");
  }

  /** {@code <root>.<module>..}, the package pattern of one module. */
  private String modulePackage(String module) {
    return root + "." + module + "..";
  }

  /**
   * The module of a package: the first segment below the root, {@code ""} for the root package
   * itself, empty if the package is not below the root.
   */
  Optional<String> moduleOf(String packageName) {
    if (packageName.equals(root)) {
      return Optional.of("");
    }
    if (!packageName.startsWith(root + ".")) {
      return Optional.empty();
    }
    String rest = packageName.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private boolean isInternalPackageBelowRoot(String packageName) {
    return packageName.startsWith(root + ".")
        && Arrays.asList(packageName.substring(root.length() + 1).split("\\.")).contains(INTERNAL);
  }

  /**
   * A class violates this condition if it depends on a class below the root that lies outside both
   * its own module and core (the root package itself counts as another module).
   */
  private ArchCondition<JavaClass> dependOnModulesOtherThanTheirOwnAndCore() {
    return new ArchCondition<>("depend on a BECA module other than their own and " + CORE) {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> originModule = moduleOf(origin.getPackageName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          Optional<String> targetModule = moduleOf(target.getPackageName());
          boolean forbidden =
              targetModule.isPresent()
                  && !targetModule.get().equals(CORE)
                  && !targetModule.equals(originModule);
          if (forbidden) {
            events.add(
                SimpleConditionEvent.satisfied(
                    dependency,
                    dependency.getDescription()
                        + " (module "
                        + describeModule(originModule)
                        + " -> module "
                        + describeModule(targetModule)
                        + ")"));
          }
        }
      }
    };
  }

  /**
   * A class violates this condition if it depends on a class in an {@code internal} package (below
   * the root) of another module.
   */
  private ArchCondition<JavaClass> useInternalPackagesOfTheirOwnModuleOnly() {
    return new ArchCondition<>("use internal packages of their own module only") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> originModule = moduleOf(origin.getPackageName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (!isInternalPackageBelowRoot(target.getPackageName())) {
            continue;
          }
          Optional<String> targetModule = moduleOf(target.getPackageName());
          if (!targetModule.equals(originModule)) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    dependency.getDescription()
                        + " (internal package "
                        + target.getPackageName()
                        + " of module "
                        + describeModule(targetModule)
                        + " used from module "
                        + describeModule(originModule)
                        + ")"));
          }
        }
      }
    };
  }

  private ArchCondition<JavaClass> haveAnIPrefixedSimpleName() {
    return new ArchCondition<>("have a simple name matching I[A-Z]...") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        boolean matches = I_PREFIXED_SIMPLE_NAME.matcher(javaClass.getSimpleName()).matches();
        String message =
            javaClass.getDescription()
                + (matches ? " has" : " does not have")
                + " a simple name matching I[A-Z]... ("
                + javaClass.getSimpleName()
                + ")";
        events.add(new SimpleConditionEvent(javaClass, matches, message));
      }
    };
  }

  /** Each package below the root (the root included) is a slice; everything else is ignored. */
  private SliceAssignment onePackageOneSlice() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String packageName = javaClass.getPackageName();
        return moduleOf(packageName).isPresent()
            ? SliceIdentifier.of(packageName)
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages below " + root;
      }
    };
  }

  private static String describeModule(Optional<String> module) {
    return module.map(m -> m.isEmpty() ? "<root package>" : m).orElse("<outside root>");
  }
}
