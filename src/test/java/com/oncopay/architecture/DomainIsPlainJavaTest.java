package com.oncopay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Business rules live in {@code ..domain..} packages and stay free of the framework. */
class DomainIsPlainJavaTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.oncopay");

    @Test
    void domain_code_does_not_depend_on_quarkus_jakarta_vertx_mutiny_or_jackson() {
        noClasses()
                .that()
                .resideInAPackage("com.oncopay..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "io.vertx..",
                        "io.smallrye..",
                        "com.fasterxml..",
                        "org.eclipse.microprofile..",
                        "org.hibernate..")
                .check(CLASSES);
    }

    @Test
    void domain_code_does_not_read_the_clock_itself() {
        noClasses()
                .that()
                .resideInAPackage("com.oncopay..domain..")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.time.OffsetDateTime.class, "now")
                .orShould()
                .callMethod(java.time.ZonedDateTime.class, "now")
                .orShould()
                .callMethod(java.util.UUID.class, "randomUUID")
                .check(CLASSES);
    }

    @Test
    void prescription_and_adjudication_do_not_depend_on_each_other_both_ways() {
        // prescriptions use the money engine; the money split lives in adjudication.domain, so nothing points back
        noClasses()
                .that()
                .resideInAPackage("com.oncopay.adjudication..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.oncopay.prescription..")
                .check(CLASSES);
    }

    @Test
    void services_know_nothing_of_http() {
        // HTTP (status codes aside, which refusals still carry) and idempotency belong to the resources
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Service")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void the_business_calendar_depends_on_no_other_feature() {
        noClasses()
                .that()
                .resideInAPackage("com.oncopay.calendar..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.oncopay.prescription..",
                        "com.oncopay.fulfilment..",
                        "com.oncopay.catalog..",
                        "com.oncopay.coverage..",
                        "com.oncopay.assistance..",
                        "com.oncopay.adjudication..",
                        "com.oncopay.dispatch..")
                .check(CLASSES);
    }
}
