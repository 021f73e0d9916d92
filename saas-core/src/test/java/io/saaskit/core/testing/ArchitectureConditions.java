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
import org.jspecify.annotations.NullMarked;

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
