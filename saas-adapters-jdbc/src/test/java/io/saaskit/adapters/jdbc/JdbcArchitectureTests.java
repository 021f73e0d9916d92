package io.saaskit.adapters.jdbc;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.saaskit.core.testing.ArchitectureConditions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.saaskit.core.testing.ArchitectureConditions.IMPLEMENT_A_CORE_PORT;
import static io.saaskit.core.testing.ArchitectureConditions.beAnnotatedWithASpringStereotype;
import static io.saaskit.core.testing.ArchitectureConditions.exposeNoTypesInPublicSignaturesFrom;
import static io.saaskit.core.testing.ArchitectureConditions.resideInANullMarkedPackage;

/**
 * The architecture rules for adapters (architecture.md section 6), checked on this module's production classes.
 *
 * <p>The shared conditions come from the core test-jar ({@code ArchitectureConditions}). Each rule runs from an
 * {@code @ArchTest} method rather than an {@code @ArchTest} field, so the rules run under every Surefire version.
 */
@AnalyzeClasses(packages = "io.saaskit.adapters.jdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTests {

    private static final ArchRule NO_SPRING_BOOT = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
            .because("adapters are plain libraries; only the starter knows Spring Boot");

    private static final ArchRule NO_STEREOTYPES = noClasses()
            .should(beAnnotatedWithASpringStereotype())
            .because("adapters are plain classes wired explicitly by the starter, never component-scanned");

    private static final ArchRule PORT_IMPLEMENTATIONS_NAMED_AFTER_THEIR_TECHNOLOGY = classes()
            .that(IMPLEMENT_A_CORE_PORT)
            .should().haveSimpleNameStartingWith("Jdbc")
            .orShould().haveSimpleNameStartingWith("Postgres")
            .orShould().haveSimpleNameStartingWith("Flyway")
            .because("implementations are named <Tech><Port>, so the wiring says which technology backs a port");

    private static final ArchRule NO_TECHNOLOGY_TYPES_IN_PUBLIC_SIGNATURES = classes()
            .that().arePublic()
            .should(exposeNoTypesInPublicSignaturesFrom("java.sql", "org.springframework"))
            .because("callers of an adapter deal in domain types; java.sql and Spring types stay inside "
                    + "(a DataSource is how the adapter is built, and it is javax.sql)");

    private static final ArchRule EVERY_PACKAGE_IS_NULL_MARKED = classes()
            .should(resideInANullMarkedPackage())
            .because("nullness is declared once per package; unannotated types are then non-null");

    private static final ArchRule NO_VAGUE_TYPE_NAMES = ArchitectureConditions.noVagueTypeNames();

    private static final ArchRule ADAPTERS_INDEPENDENT = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.saaskit.adapters.redis..",
                    "io.saaskit.adapters.stripe..", "io.saaskit.boot..")
            .because("adapters depend only on the core, never on each other or on the starter");

    private static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("the adapter logs through commons-logging, which the host application routes");

    @ArchTest
    static void noSpringBoot(JavaClasses classes) {
        NO_SPRING_BOOT.check(classes);
    }

    @ArchTest
    static void noStereotypeAnnotations(JavaClasses classes) {
        NO_STEREOTYPES.check(classes);
    }

    @ArchTest
    static void portImplementationsAreNamedAfterTheirTechnology(JavaClasses classes) {
        PORT_IMPLEMENTATIONS_NAMED_AFTER_THEIR_TECHNOLOGY.check(classes);
    }

    @ArchTest
    static void noTechnologyTypesInPublicSignatures(JavaClasses classes) {
        NO_TECHNOLOGY_TYPES_IN_PUBLIC_SIGNATURES.check(classes);
    }

    @ArchTest
    static void everyPackageIsNullMarked(JavaClasses classes) {
        EVERY_PACKAGE_IS_NULL_MARKED.check(classes);
    }

    @ArchTest
    static void noVagueTypeNames(JavaClasses classes) {
        NO_VAGUE_TYPE_NAMES.check(classes);
    }

    @ArchTest
    static void adaptersAreIndependentOfEachOtherAndOfTheStarter(JavaClasses classes) {
        ADAPTERS_INDEPENDENT.check(classes);
    }

    @ArchTest
    static void noStandardStreams(JavaClasses classes) {
        NO_STANDARD_STREAMS.check(classes);
    }
}
