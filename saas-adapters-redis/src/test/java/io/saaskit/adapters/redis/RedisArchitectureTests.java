package io.saaskit.adapters.redis;

import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules for adapters (architecture.md section 6), checked on this module's production classes:
 * no Spring at all, no stereotypes, port implementations named {@code Redis<Port>} with no Lettuce type in their
 * public signatures, and every package {@code @NullMarked}.
 *
 * <p>Each rule runs from an {@code @ArchTest} method rather than an {@code @ArchTest} field, because Maven Surefire
 * 3.5.3 silently skips field rules.
 */
@AnalyzeClasses(packages = "io.saaskit.adapters.redis", importOptions = ImportOption.DoNotIncludeTests.class)
class RedisArchitectureTests {

    private static final Set<String> STEREOTYPES = Set.of("org.springframework.stereotype.Component",
            "org.springframework.stereotype.Repository", "org.springframework.stereotype.Service",
            "org.springframework.context.annotation.Configuration");

    private static final DescribedPredicate<JavaClass> IMPLEMENT_A_CORE_PORT =
            new DescribedPredicate<>("implement a saaskit core port") {
                @Override
                public boolean test(JavaClass type) {
                    return type.getAllRawInterfaces().stream()
                            .anyMatch((candidate) -> candidate.getPackageName().startsWith("io.saaskit.core.")
                                    && candidate.getPackageName().endsWith(".port"));
                }
            };

    private static final ArchRule NO_SPRING = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the Redis adapter is a plain library on Lettuce; only the starter knows Spring");

    private static final ArchRule NO_STEREOTYPES = noClasses()
            .should(beAnnotatedWithAStereotype())
            .because("adapters are plain classes wired explicitly by the starter, never component-scanned");

    private static final ArchRule PORT_IMPLEMENTATIONS_NAMED_AFTER_THEIR_TECHNOLOGY = classes()
            .that(IMPLEMENT_A_CORE_PORT)
            .should().haveSimpleNameStartingWith("Redis")
            .because("implementations are named <Tech><Port>, so the wiring says which technology backs a port");

    private static final ArchRule NO_LETTUCE_TYPES_IN_PORT_IMPLEMENTATIONS = classes()
            .that(IMPLEMENT_A_CORE_PORT).and().arePublic()
            .should(exposeNoLettuceTypesInPublicSignatures())
            .because("callers of a port implementation deal in domain types; Lettuce stays inside the adapter");

    private static final ArchRule EVERY_PACKAGE_IS_NULL_MARKED = classes()
            .should(resideInANullMarkedPackage())
            .because("nullness is declared once per package; unannotated types are then non-null");

    private static final ArchRule NO_VAGUE_TYPE_NAMES = noClasses()
            .should().haveSimpleNameEndingWith("Port")
            .orShould().haveSimpleNameEndingWith("Impl")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Manager")
            .because("vague suffixes hide what a type does");

    private static final ArchRule ADAPTERS_INDEPENDENT = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.saaskit.adapters.jdbc..",
                    "io.saaskit.adapters.stripe..", "io.saaskit.boot..")
            .because("adapters depend only on the core, never on each other or on the starter");

    private static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("the adapter logs through SLF4J, which the host application routes");

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
    static void portImplementationsExposeNoLettuceTypes(JavaClasses classes) {
        NO_LETTUCE_TYPES_IN_PORT_IMPLEMENTATIONS.check(classes);
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

    private static ArchCondition<JavaClass> beAnnotatedWithAStereotype() {
        return new ArchCondition<>("be annotated with a Spring stereotype") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (String stereotype : STEREOTYPES) {
                    if (type.isAnnotatedWith(stereotype) || type.isMetaAnnotatedWith(stereotype)) {
                        events.add(SimpleConditionEvent.satisfied(type,
                                type.getName() + " is annotated with " + stereotype));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> exposeNoLettuceTypesInPublicSignatures() {
        return new ArchCondition<>("expose no io.lettuce types in public signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaCodeUnit member : type.getCodeUnits()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    Stream.concat(Stream.concat(
                                    member.getParameterTypes().stream()
                                            .flatMap((parameter) -> parameter.getAllInvolvedRawTypes().stream()),
                                    member.getReturnType().getAllInvolvedRawTypes().stream()),
                                    member.getThrowsClause().getTypes().stream())
                            .filter((used) -> used.getPackageName().startsWith("io.lettuce"))
                            .distinct()
                            .forEach((used) -> events.add(SimpleConditionEvent.violated(member,
                                    member.getFullName() + " exposes " + used.getName())));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> resideInANullMarkedPackage() {
        return new ArchCondition<>("reside in a package whose package-info is @NullMarked") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (!type.getPackage().isAnnotatedWith(NullMarked.class)) {
                    events.add(SimpleConditionEvent.violated(type,
                            type.getName() + " is in package " + type.getPackageName() + " without @NullMarked"));
                }
            }
        };
    }
}
