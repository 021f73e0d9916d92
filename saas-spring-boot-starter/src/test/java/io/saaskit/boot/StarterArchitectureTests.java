package io.saaskit.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.shared.port.ReadinessProbe;
import io.saaskit.core.testing.ArchitectureConditions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter rules of the architecture guide (§4, §6): how auto-configurations are declared and how their beans
 * back off, so that an application can always replace what saaskit provides.
 */
class StarterArchitectureTests {

    private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration"
            + ".imports";

    private static final String PORTS = "io.saaskit.core..port..";

    /** Ports of which an application has many beans; each implementation backs off on its own type. */
    private static final Set<String> COLLECTION_PORTS = Set.of(ReadinessProbe.class.getName());

    private static JavaClasses starter;

    private static Set<String> imported;

    @BeforeAll
    static void importStarter() throws IOException {
        starter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.saaskit.boot");
        try (InputStream in = StarterArchitectureTests.class.getClassLoader().getResourceAsStream(IMPORTS)) {
            assertThat(in).as(IMPORTS).isNotNull();
            imported = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter((line) -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }

    private static final ArchRule AUTO_CONFIGURATIONS_ARE_PUBLIC_FINAL_NAMED_AND_PLACED = classes().that()
            .areAnnotatedWith(AutoConfiguration.class).should().bePublic()
            .andShould().haveModifier(JavaModifier.FINAL)
            .andShould().haveSimpleNameStartingWith("Saas")
            .andShould().haveSimpleNameEndingWith("AutoConfiguration")
            .andShould().resideInAPackage("io.saaskit.boot.autoconfigure..")
            .because("auto-configurations are a fixed, discoverable surface that nobody subclasses "
                    + "(architecture.md §4)");

    private static final ArchRule AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_METHODS = methods().that()
            .areDeclaredInClassesThat().areAnnotatedWith(AutoConfiguration.class).should().notBePublic()
            .because("@Bean methods are wiring, not API; applications replace beans, they do not call them");

    private static final ArchRule AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_FIELDS = fields().that()
            .areDeclaredInClassesThat().areAnnotatedWith(AutoConfiguration.class).should().notBePublic()
            .allowEmptyShould(true)
            .because("constants of an auto-configuration are not API");

    private static final ArchRule AUTO_CONFIGURATIONS_HAVE_ONLY_THE_IMPLICIT_PUBLIC_CONSTRUCTOR = constructors()
            .that().areDeclaredInClassesThat().areAnnotatedWith(AutoConfiguration.class).and().arePublic()
            .should(new ArchCondition<JavaConstructor>("take no parameters") {
                @Override
                public void check(JavaConstructor constructor, ConditionEvents events) {
                    boolean implicit = constructor.getRawParameterTypes().isEmpty();
                    events.add(new SimpleConditionEvent(constructor, implicit,
                            constructor.getFullName() + " is public and takes parameters"));
                }
            })
            .allowEmptyShould(true)
            .because("only the implicit no-argument constructor may be public; Spring instantiates "
                    + "auto-configurations, applications never do");

    private static final ArchRule AUTO_CONFIGURATIONS_ARE_IMPORTED = classes().that()
            .areAnnotatedWith(AutoConfiguration.class)
            .should(new ArchCondition<JavaClass>("be listed in " + IMPORTS) {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    boolean listed = imported.contains(javaClass.getName());
                    events.add(new SimpleConditionEvent(javaClass, listed,
                            javaClass.getName() + " is not listed in " + IMPORTS));
                }
            })
            .because("auto-configurations are loaded from the imports file and never component-scanned");

    private static final ArchRule PORT_BEANS_BACK_OFF_ON_THEIR_PORT = methods().that().areAnnotatedWith(Bean.class)
            .should(backOffOnThePortsTheyImplement())
            .because("a bean of the port type defined by the application must replace saaskit's implementation, "
                    + "and naming the interface (not the class) is what makes that work (architecture.md §4)");

    private static final ArchRule PACKAGES_ARE_NULL_MARKED = classes()
            .should(ArchitectureConditions.resideInANullMarkedPackage())
            .because("JSpecify's @NullMarked makes non-null the default, so nullable values must be declared "
                    + "(architecture.md §7)");

    @Test
    void autoConfigurationsArePublicFinalNamedAndPlaced() {
        AUTO_CONFIGURATIONS_ARE_PUBLIC_FINAL_NAMED_AND_PLACED.check(starter);
    }

    @Test
    void autoConfigurationsExposeNoPublicMembers() {
        AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_METHODS.check(starter);
        AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_FIELDS.check(starter);
        AUTO_CONFIGURATIONS_HAVE_ONLY_THE_IMPLICIT_PUBLIC_CONSTRUCTOR.check(starter);
    }

    @Test
    void everyAutoConfigurationIsListedInTheImportsFile() {
        AUTO_CONFIGURATIONS_ARE_IMPORTED.check(starter);
    }

    @Test
    void theImportsFileListsOnlyAutoConfigurations() {
        Set<String> autoConfigurations = starter.stream()
                .filter((javaClass) -> javaClass.isAnnotatedWith(AutoConfiguration.class)).map(JavaClass::getName)
                .collect(Collectors.toSet());

        assertThat(imported).as("classes listed in " + IMPORTS).isNotEmpty()
                .allSatisfy((name) -> assertThat(autoConfigurations).as(name).contains(name));
    }

    @Test
    void everyPortBeanBacksOffOnItsPort() {
        PORT_BEANS_BACK_OFF_ON_THEIR_PORT.check(starter);
    }

    @Test
    void everyPackageIsNullMarked() {
        PACKAGES_ARE_NULL_MARKED.check(starter);
    }

    @Test
    void theRulesCatchABadlyWrittenAutoConfiguration() {
        JavaClasses bad = new ClassFileImporter().importClasses(BadlyWritten.class);

        assertThat(AUTO_CONFIGURATIONS_ARE_PUBLIC_FINAL_NAMED_AND_PLACED.evaluate(bad).getFailureReport().getDetails())
                .anyMatch((line) -> line.contains("does not have modifier FINAL"))
                .anyMatch((line) -> line.contains("does not have simple name starting with 'Saas'"))
                .anyMatch((line) -> line.contains("does not reside in a package 'io.saaskit.boot.autoconfigure..'"));
        assertThat(AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_METHODS.evaluate(bad).getFailureReport().getDetails())
                .singleElement().asString().contains("saasPublicClock");
        assertThat(AUTO_CONFIGURATIONS_HAVE_NO_PUBLIC_FIELDS.evaluate(bad).hasViolation()).isTrue();
        assertThat(AUTO_CONFIGURATIONS_HAVE_ONLY_THE_IMPLICIT_PUBLIC_CONSTRUCTOR.evaluate(bad).hasViolation())
                .isTrue();
        assertThat(AUTO_CONFIGURATIONS_ARE_IMPORTED.evaluate(bad).hasViolation()).isTrue();
        assertThat(PACKAGES_ARE_NULL_MARKED.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void theBackOffRuleRequiresThePortInterfaceItself() {
        JavaClasses bad = new ClassFileImporter().importClasses(BadlyWritten.class);

        assertThat(PORT_BEANS_BACK_OFF_ON_THEIR_PORT.evaluate(bad).getFailureReport().getDetails())
                .hasSize(3)
                .anyMatch((line) -> line.contains("unconditionalRepository()")
                        && line.contains("@ConditionalOnMissingBean(UserRepository.class)"))
                .anyMatch((line) -> line.contains("backsOffOnTheClass()"))
                .anyMatch((line) -> line.contains("probeBacksOffOnTheInterface()")
                        && line.contains("@ConditionalOnMissingBean(FixtureProbe.class)"))
                .noneMatch((line) -> line.contains("wellWrittenRepository()"))
                .noneMatch((line) -> line.contains("wellWrittenProbe()"))
                .noneMatch((line) -> line.contains("notAPort()"));
    }

    private static ArchCondition<JavaMethod> backOffOnThePortsTheyImplement() {
        return new ArchCondition<>("be @ConditionalOnMissingBean on the port interfaces they implement") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                JavaClass returned = method.getRawReturnType();
                Set<JavaClass> ports = new LinkedHashSet<>();
                if (returned.isInterface() && isPort(returned)) {
                    ports.add(returned);
                }
                returned.getAllRawInterfaces().stream().filter(StarterArchitectureTests::isPort).forEach(ports::add);
                if (ports.isEmpty()) {
                    return;
                }
                Set<String> named = missingBeanTypes(method);
                for (JavaClass port : ports) {
                    JavaClass expected = COLLECTION_PORTS.contains(port.getName()) ? returned : port;
                    boolean satisfied = named.contains(expected.getName());
                    events.add(new SimpleConditionEvent(method, satisfied, method.getFullName() + " returns a "
                            + port.getSimpleName() + " but is not @ConditionalOnMissingBean("
                            + expected.getSimpleName() + ".class) in " + method.getSourceCodeLocation()));
                }
            }
        };
    }

    private static boolean isPort(JavaClass type) {
        return type.isInterface() && PackageMatcher.of(PORTS).matches(type.getPackageName());
    }

    private static Set<String> missingBeanTypes(JavaMethod method) {
        if (!method.isAnnotatedWith(ConditionalOnMissingBean.class)) {
            return Set.of();
        }
        JavaAnnotation<JavaMethod> annotation = method.getAnnotationOfType(ConditionalOnMissingBean.class.getName());
        Set<String> names = new LinkedHashSet<>();
        for (String attribute : new String[] { "value", "type" }) {
            Object value = annotation.get(attribute).orElse(null);
            if (value instanceof JavaClass[] types) {
                Arrays.stream(types).map(JavaClass::getName).forEach(names::add);
            }
            else if (value instanceof String[] typeNames) {
                names.addAll(Arrays.asList(typeNames));
            }
        }
        return names;
    }


    /**
     * Breaks every rule above. Only ArchUnit reads it: the profile is never active, so a component scan that
     * happens to reach this class skips it.
     */
    @AutoConfiguration
    @Profile("saaskit-architecture-fixture-never-active")
    public static class BadlyWritten {

        public static final String NAME = "bad";

        public BadlyWritten(Clock clock) {
        }

        @Bean
        public Clock saasPublicClock() {
            return Clock.systemUTC();
        }

        @Bean
        InMemoryUserRepository unconditionalRepository() {
            return new InMemoryUserRepository();
        }

        @Bean
        @ConditionalOnMissingBean(InMemoryUserRepository.class)
        InMemoryUserRepository backsOffOnTheClass() {
            return new InMemoryUserRepository();
        }

        @Bean
        @ConditionalOnMissingBean(UserRepository.class)
        InMemoryUserRepository wellWrittenRepository() {
            return new InMemoryUserRepository();
        }

        @Bean
        @ConditionalOnMissingBean(ReadinessProbe.class)
        FixtureProbe probeBacksOffOnTheInterface() {
            return new FixtureProbe();
        }

        @Bean
        @ConditionalOnMissingBean(FixtureProbe.class)
        FixtureProbe wellWrittenProbe() {
            return new FixtureProbe();
        }

        @Bean
        String notAPort() {
            return "not a port";
        }
    }

    /** A readiness probe, the one port of which an application has several beans. */
    static final class FixtureProbe implements ReadinessProbe {

        @Override
        public String name() {
            return "fixture";
        }

        @Override
        public boolean isUp(Duration timeout) {
            return true;
        }
    }
}
