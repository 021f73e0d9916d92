package io.saaskit.example;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture rules over the whole system as it is assembled in the example app: the production classes of
 * saas-core, the adapters, the starter and the app, read from the class path (test classes and test-jars left out).
 *
 * <p>Dependencies point inward only (core ← adapters ← starter ← app), so the core stays usable without Spring or a
 * database, any adapter can be swapped without touching the others, and the app reaches adapters only through the
 * starter's wiring.
 */
class SystemArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(new ProductionClassesOnly()).importPackages("io.saaskit");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        assertThat(classes.containPackage("io.saaskit.core")).isTrue();
        assertThat(classes.stream().anyMatch((c) -> c.getPackageName().startsWith("io.saaskit.adapters.jdbc")))
                .isTrue();
        assertThat(classes.stream().anyMatch((c) -> c.getPackageName().startsWith("io.saaskit.boot"))).isTrue();
        assertThat(classes.stream().anyMatch((c) -> c.getPackageName().startsWith("io.saaskit.example"))).isTrue();
    }

    @Test
    void modulesAreLayeredCoreAdaptersStarterApp() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Core").definedBy("io.saaskit.core..")
                .layer("Adapters").definedBy("io.saaskit.adapters..")
                .layer("Starter").definedBy("io.saaskit.boot..")
                .layer("App").definedBy("io.saaskit.example..")
                .whereLayer("Core").mayNotAccessAnyLayer()
                .whereLayer("Adapters").mayOnlyAccessLayers("Core")
                .whereLayer("Starter").mayOnlyAccessLayers("Core", "Adapters")
                .whereLayer("App").mayOnlyAccessLayers("Core", "Starter")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .because("dependencies point inward (core <- adapters <- starter <- app), so the core stays "
                        + "framework-free and every outer module can be replaced without touching the inner ones")
                .check(classes);
    }

    @Test
    void appNeverUsesAnAdapterClassDirectly() {
        noClasses().that().resideInAPackage("io.saaskit.example..")
                .should().dependOnClassesThat().resideInAPackage("io.saaskit.adapters..")
                .because("the app talks to core ports and lets the starter choose and wire the adapters, so swapping "
                        + "an adapter is a dependency change, not a code change")
                .check(classes);
    }

    @Test
    void adaptersAreIndependentOfEachOther() {
        slices().matching("io.saaskit.adapters.(*)..").should().notDependOnEachOther()
                .because("each adapter (jdbc, redis, stripe) is an optional jar that must work alone")
                .check(classes);
    }

    /** Skips test classes and the modules' test-jars, which hold fixtures rather than production code. */
    private static final class ProductionClassesOnly implements ImportOption {

        private static final ImportOption NO_TEST_DIRECTORIES = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NO_TEST_DIRECTORIES.includes(location) && !location.contains("-tests.jar");
        }
    }
}
