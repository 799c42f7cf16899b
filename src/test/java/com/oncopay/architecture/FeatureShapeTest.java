package com.oncopay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape every feature keeps (README, "Code shape"): repositories own the SQL, use cases and
 * services know nothing of HTTP, features do not depend on each other in circles, classes stay small.
 */
class FeatureShapeTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.oncopay");

    /** A class this long is two classes; the largest today are well under it. */
    static final int MAX_LINES = 260;

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        slices().matching("com.oncopay.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void only_repositories_talk_to_the_database() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Repository")
                .and()
                .resideOutsideOfPackage("com.oncopay.platform.db..")
                .and()
                .areNotAnnotatedWith(jakarta.persistence.Entity.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx.mutiny.sqlclient..",
                        "io.vertx.sqlclient..",
                        "io.vertx.pgclient..",
                        "io.vertx.mutiny.pgclient..",
                        "org.hibernate..",
                        "io.quarkus.hibernate..")
                .because("SQL and the database clients belong to the repositories (README, Code shape)")
                .check(CLASSES);
    }

    @Test
    void nothing_but_resources_and_the_platform_knows_http() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Resource")
                .and()
                .resideOutsideOfPackage("com.oncopay.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..")
                .because("use cases return domain results; resources map them to HTTP")
                .check(CLASSES);
    }

    @Test
    void use_cases_refuse_in_domain_terms_not_with_http_statuses() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Resource")
                .and()
                .resideOutsideOfPackage("com.oncopay.platform..")
                .should()
                .callConstructor(
                        com.oncopay.platform.error.ProblemException.class, int.class, String.class, Object[].class)
                .because("a refusal is a platform.domain.Refused; ProblemMappers gives it its status")
                .check(CLASSES);
    }

    @Test
    void no_class_is_longer_than_the_limit() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            tooLong = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> lines(p) > MAX_LINES)
                    .map(p -> p + " (" + lines(p) + " lines)")
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), tooLong);
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
