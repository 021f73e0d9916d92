package io.saaskit.adapters.stripe;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.saaskit.core.testing.ArchitectureConditions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.saaskit.core.testing.ArchitectureConditions.adapterIndependentOf;
import static io.saaskit.core.testing.ArchitectureConditions.noSpringStereotypes;
import static io.saaskit.core.testing.ArchitectureConditions.portImplementationsExposeNoTypesFrom;
import static io.saaskit.core.testing.ArchitectureConditions.portImplementationsNamedAfter;

/**
 * The architecture rules for adapters (architecture.md section 6), checked on this module's production classes:
 * no Spring at all, no stereotypes, port implementations named {@code Stripe<Port>} with no stripe-java or Gson type
 * in their public signatures, and every package {@code @NullMarked}.
 *
 * <p>The shared conditions come from the core test-jar ({@code ArchitectureConditions}). Each rule runs from an
 * {@code @ArchTest} method rather than an {@code @ArchTest} field, so the rules run under every Surefire version.
 */
@AnalyzeClasses(packages = "io.saaskit.adapters.stripe", importOptions = ImportOption.DoNotIncludeTests.class)
class StripeArchitectureTests {

    private static final ArchRule NO_SPRING = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the Stripe adapter is a plain library on stripe-java; only the starter knows Spring");

    private static final ArchRule NO_STEREOTYPES = noSpringStereotypes();

    private static final ArchRule PORT_IMPLEMENTATIONS_NAMED_AFTER_THEIR_TECHNOLOGY =
            portImplementationsNamedAfter("Stripe");

    private static final ArchRule NO_STRIPE_TYPES_IN_PORT_IMPLEMENTATIONS = portImplementationsExposeNoTypesFrom(
            "stripe-java", "com.stripe", "com.google.gson");

    private static final ArchRule EVERY_PACKAGE_IS_NULL_MARKED = ArchitectureConditions.everyPackageIsNullMarked();

    private static final ArchRule NO_VAGUE_TYPE_NAMES = ArchitectureConditions.noVagueTypeNames();

    private static final ArchRule ADAPTERS_INDEPENDENT = adapterIndependentOf(
            "io.saaskit.adapters.jdbc..", "io.saaskit.adapters.redis..", "io.saaskit.boot..");

    private static final ArchRule NO_STANDARD_STREAMS = ArchitectureConditions.noStandardStreams("SLF4J");

    @ArchTest
    static void noSpringAtAll(JavaClasses classes) {
        NO_SPRING.check(classes);
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
    static void portImplementationsExposeNoStripeTypes(JavaClasses classes) {
        NO_STRIPE_TYPES_IN_PORT_IMPLEMENTATIONS.check(classes);
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
