package io.saaskit.core.testing;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The ArchUnit predicates, conditions and rules every module's architecture test shares (architecture.md
 * section 6), so each module states only what is particular to it.
 */
public final class ArchitectureConditions {

    /** Classes implementing an interface from a {@code io.saaskit.core.<feature>.port} package. */
    public static final DescribedPredicate<JavaClass> IMPLEMENT_A_CORE_PORT =
            new DescribedPredicate<>("implement a saaskit core port") {
                @Override
                public boolean test(JavaClass type) {
                    return type.getAllRawInterfaces().stream()
                            .anyMatch((candidate) -> candidate.getPackageName().startsWith("io.saaskit.core.")
                                    && candidate.getPackageName().endsWith(".port"));
                }
            };

    private static final Set<String> STEREOTYPES = Set.of("org.springframework.stereotype.Component",
            "org.springframework.stereotype.Repository", "org.springframework.stereotype.Service",
            "org.springframework.context.annotation.Configuration");

    private ArchitectureConditions() {
    }

    /**
     * No class is named with a vague suffix (Port, Impl, Helper, Util(s), Manager).
     * @return the rule
     */
    public static ArchRule noVagueTypeNames() {
        return noClasses()
                .should().haveSimpleNameEndingWith("Port")
                .orShould().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Manager")
                .because("ports are role nouns and implementations are <Tech><Port>; vague suffixes hide what a "
                        + "type does");
    }

    /**
     * No class is a Spring stereotype: adapters are plain classes wired explicitly by the starter.
     * @return the rule
     */
    public static ArchRule noSpringStereotypes() {
        return noClasses()
                .should(beAnnotatedWithASpringStereotype())
                .because("adapters are plain classes wired explicitly by the starter, never component-scanned");
    }

    /**
     * Every class implementing a core port is named {@code <technology><Port>}.
     * @param technology the name prefix, for example {@code Redis}
     * @return the rule
     */
    public static ArchRule portImplementationsNamedAfter(String technology) {
        return classes()
                .that(IMPLEMENT_A_CORE_PORT)
                .should().haveSimpleNameStartingWith(technology)
                .because("implementations are named <Tech><Port>, so the wiring says which technology backs a port");
    }

    /**
     * No public port implementation exposes a type of the adapter's library in its public signatures.
     * @param library the library's name, for the rule's reason
     * @param packagePrefixes the library's package name prefixes
     * @return the rule
     */
    public static ArchRule portImplementationsExposeNoTypesFrom(String library, String... packagePrefixes) {
        return classes()
                .that(IMPLEMENT_A_CORE_PORT).and().arePublic()
                .should(exposeNoTypesInPublicSignaturesFrom(packagePrefixes))
                .because("callers of a port implementation deal in domain types; " + library
                        + " stays inside the adapter");
    }

    /**
     * Every class resides in a {@code @NullMarked} package.
     * @return the rule
     */
    public static ArchRule everyPackageIsNullMarked() {
        return classes()
                .should(resideInANullMarkedPackage())
                .because("nullness is declared once per package; unannotated types are then non-null");
    }

    /**
     * No class depends on the given packages (the other adapters and the starter).
     * @param packageIdentifiers the other modules' package identifiers, for example {@code io.saaskit.boot..}
     * @return the rule
     */
    public static ArchRule adapterIndependentOf(String... packageIdentifiers) {
        return noClasses()
                .should().dependOnClassesThat().resideInAnyPackage(packageIdentifiers)
                .because("adapters depend only on the core, never on each other or on the starter");
    }

    /**
     * No class writes to the standard streams.
     * @param loggingApi the logging API the module uses, for the rule's reason
     * @return the rule
     */
    public static ArchRule noStandardStreams(String loggingApi) {
        return GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                .because("the adapter logs through " + loggingApi + ", which the host application routes");
    }

    /**
     * The class's package has a {@code package-info} annotated {@code @NullMarked}.
     * @return the condition
     */
    public static ArchCondition<JavaClass> resideInANullMarkedPackage() {
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

    /**
     * The class is (meta-)annotated with a Spring stereotype ({@code @Component}, {@code @Repository},
     * {@code @Service}, {@code @Configuration}); used with {@code noClasses().should(...)}.
     * @return the condition
     */
    public static ArchCondition<JavaClass> beAnnotatedWithASpringStereotype() {
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

    /**
     * No public constructor or method of the class takes, returns or throws a type from the given packages.
     * @param packagePrefixes package name prefixes, for example {@code java.sql}
     * @return the condition
     */
    public static ArchCondition<JavaClass> exposeNoTypesInPublicSignaturesFrom(String... packagePrefixes) {
        return new ArchCondition<>("expose no types of " + Arrays.toString(packagePrefixes)
                + " in public signatures") {
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
                            .filter((used) -> Arrays.stream(packagePrefixes)
                                    .anyMatch((prefix) -> used.getPackageName().startsWith(prefix)))
                            .distinct()
                            .forEach((used) -> events.add(SimpleConditionEvent.violated(member,
                                    member.getFullName() + " exposes " + used.getName())));
                }
            }
        };
    }
}
