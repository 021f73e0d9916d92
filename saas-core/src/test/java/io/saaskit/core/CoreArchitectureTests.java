package io.saaskit.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

import io.saaskit.core.shared.SaasException;
import io.saaskit.core.testing.ArchitectureConditions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules of the core (architecture.md section 6), checked on the production classes.
 *
 * <p>Each rule is run from an {@code @ArchTest} method rather than declared as an {@code @ArchTest} field, so the
 * rules run under every Surefire version (3.5.3 silently skipped field rules: TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "io.saaskit.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTests {

    private static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK_AND_JSPECIFY = classes()
            .that().resideInAPackage("io.saaskit.core..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.saaskit.core..", "java..", "javax.crypto..", "org.jspecify..")
            .because("the core is framework-free so it can be embedded anywhere and adapters plug in around it");

    private static final ArchRule FEATURES_ARE_FREE_OF_CYCLES = slices()
            .matching("io.saaskit.core.(*)..")
            .should().beFreeOfCycles()
            .because("features must be understandable, testable and extractable one at a time");

    private static final ArchRule PORTS_ARE_INTERFACES = classes()
            .that().resideInAPackage("..port..")
            .should().beInterfaces()
            .because("ports are the seams adapters implement; data crossing a port lives in the feature package");

    private static final ArchRule NO_VAGUE_TYPE_NAMES = ArchitectureConditions.noVagueTypeNames();

    private static final ArchRule SERVICES_ARE_PUBLIC_AND_FINAL = classes()
            .that().haveSimpleNameEndingWith("Service")
            .should().bePublic()
            .andShould().haveModifier(JavaModifier.FINAL)
            .because("services are the driving API: used as they are, composed rather than subclassed");

    private static final ArchRule PRODUCTION_CODE_DOES_NOT_USE_IN_MEMORY_IMPLEMENTATIONS = noClasses()
            .that().resideOutsideOfPackage("io.saaskit.core.memory..")
            .should().dependOnClassesThat().resideInAPackage("io.saaskit.core.memory..")
            .because("in-memory implementations are for tests and embedding; services receive ports");

    private static final ArchRule EXCEPTIONS_EXTEND_SAAS_EXCEPTION = classes()
            .that().areAssignableTo(Exception.class)
            .should().beAssignableTo(SaasException.class)
            .because("the web layer maps every refusal to a status and problem code in one place, by SaasException");

    private static final ArchRule TIME_COMES_FROM_THE_INJECTED_CLOCK = noClasses()
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(LocalTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callConstructor(Date.class)
            .because("time comes from an injected Clock so tests can move it");

    private static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("the core reports through return values and exceptions; the host application owns output");

    private static final ArchRule NO_GENERIC_EXCEPTIONS = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
            .because("callers branch on specific exception types, never on a bare RuntimeException");

    // Stricter than GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING, which only looks at fields.
    private static final ArchRule NO_JAVA_UTIL_LOGGING = noClasses()
            .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .because("the core does not log; the host application chooses its logging");
    @ArchTest
    static void coreDependsOnlyOnTheJdkAndJspecify(JavaClasses classes) {
        CORE_DEPENDS_ONLY_ON_THE_JDK_AND_JSPECIFY.check(classes);
    }

    @ArchTest
    static void featuresAreFreeOfCycles(JavaClasses classes) {
        FEATURES_ARE_FREE_OF_CYCLES.check(classes);
    }

    @ArchTest
    static void portsAreInterfaces(JavaClasses classes) {
        PORTS_ARE_INTERFACES.check(classes);
    }

    @ArchTest
    static void noVagueTypeNames(JavaClasses classes) {
        NO_VAGUE_TYPE_NAMES.check(classes);
    }

    @ArchTest
    static void servicesArePublicAndFinal(JavaClasses classes) {
        SERVICES_ARE_PUBLIC_AND_FINAL.check(classes);
    }

    @ArchTest
    static void productionCodeDoesNotUseInMemoryImplementations(JavaClasses classes) {
        PRODUCTION_CODE_DOES_NOT_USE_IN_MEMORY_IMPLEMENTATIONS.check(classes);
    }

    @ArchTest
    static void exceptionsExtendSaasException(JavaClasses classes) {
        EXCEPTIONS_EXTEND_SAAS_EXCEPTION.check(classes);
    }

    @ArchTest
    static void timeComesFromTheInjectedClock(JavaClasses classes) {
        TIME_COMES_FROM_THE_INJECTED_CLOCK.check(classes);
    }

    @ArchTest
    static void noStandardStreams(JavaClasses classes) {
        NO_STANDARD_STREAMS.check(classes);
    }

    @ArchTest
    static void noGenericExceptions(JavaClasses classes) {
        NO_GENERIC_EXCEPTIONS.check(classes);
    }

    @ArchTest
    static void noJavaUtilLogging(JavaClasses classes) {
        NO_JAVA_UTIL_LOGGING.check(classes);
    }
}
