package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.junit.VerificationReport.Finding;
import org.junit.jupiter.api.Test;

class MigrationVerifierTest {

    @Test
    void aModuleKeepingToItsSchemaPassesInEveryMode() {
        VerificationReport report = MigrationVerifier.verify("classpath:db/verify/good", "items");
        assertThat(report.passed()).isTrue();
        assertThat(report.files()).containsExactly("001_items.sql", "002_tags.sql");
    }

    @Test
    void aHardCodedPublicTableIsReportedInTheSchemaModes() {
        VerificationReport report = MigrationVerifier.builder("classpath:db/verify/public_x", "items").check();
        assertThat(report.findings()).extracting(Finding::mode)
                .containsExactlyInAnyOrder("STANDALONE in schema items", "LIBRARY in schema items");
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.message())
                .contains("table public.audit_log was created outside schema items"));
        assertThatThrownBy(() -> MigrationVerifier.verify("classpath:db/verify/public_x", "items"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("failed 2 check(s)")
                .hasMessageContaining("public.audit_log");
    }

    @Test
    void anAllowedOutsideObjectIsNotAFinding() {
        assertThat(MigrationVerifier.builder("classpath:db/verify/public_x", "items").allowOutside("public.audit_log")
                .check().passed()).isTrue();
    }

    @Test
    void anUnqualifiedTableLandsInPublicInLibraryMode() {
        VerificationReport report = MigrationVerifier.builder("classpath:db/verify/unqualified", "items").check();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.mode()).isEqualTo("LIBRARY in schema items");
            assertThat(f.message()).contains("public.items");
        });
    }

    @Test
    void aFailingFileIsReportedWithItsNameAndAPrerequisiteFixesIt() {
        VerificationReport report = MigrationVerifier.builder("classpath:db/verify/failing", "items").check();
        assertThat(report.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.check()).isEqualTo("applies");
            assertThat(f.message()).contains("001_items.sql");
        });
        assertThat(MigrationVerifier.builder("classpath:db/verify/failing", "items")
                .requires("classpath:db/users", "users", "public").check().passed()).isTrue();
    }

    @Test
    void aLocationWithoutFilesIsAFinding() {
        assertThat(MigrationVerifier.builder("classpath:db/none", "x").check().findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no migration files"));
    }
}
