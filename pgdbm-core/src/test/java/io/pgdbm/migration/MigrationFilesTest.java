package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationFilesTest {

    @Test
    void checksumMatchesTheOriginalsTestVector() {
        String expected = "e82b033649c9156192bd92b6fa3b011c8f57a68dca51e0aa28bef349c7614ab7";
        assertThat(MigrationManager.checksum("CREATE TABLE test1 (id INT);")).isEqualTo(expected);
        assertThat(MigrationManager.checksum("\n  CREATE TABLE test1 (id INT);\r\n\n")).isEqualTo(expected);
    }

    @Test
    void checksumStripsUnicodeWhitespaceLikePython() {
        String expected = MigrationManager.checksum("SELECT 1;");
        assertThat(MigrationManager.checksum("\u00a0\u3000SELECT 1;\u2028\u0085\u001c")).isEqualTo(expected);
        assertThat(MigrationManager.checksum("\u200bSELECT 1;")).isNotEqualTo(expected); // not whitespace in Python
        assertThat(MigrationManager.checksum("SELECT 1;\r\nSELECT 2;")).isEqualTo(MigrationManager.checksum("SELECT 1;\nSELECT 2;"));
    }

    @Test
    void versionFollowsTheOriginalsRules() {
        assertThat(Migration.of("001_initial.sql", "x").version()).isEqualTo("001");
        assertThat(Migration.of("20240101_120000_name.sql", "x").version()).isEqualTo("20240101");
        assertThat(Migration.of("V1__create.sql", "x").version()).isEqualTo("1");
        assertThat(Migration.of("v1__x.sql", "x").version()).isEqualTo("v1__x");
        assertThat(Migration.of("V1_x.sql", "x").version()).isEqualTo("V1_x");
        assertThat(Migration.of("my.file.sql", "x").version()).isEqualTo("my");
        assertThat(Migration.of("001-a.sql", "x").version()).isEqualTo("001-a");
    }

    @Test
    void timestampNamesOfTheOriginalOrderByDateThenTime() {
        assertThat(MigrationOrder.sort(java.util.List.of(Migration.of("20240101_130000_b.sql", "x"),
                Migration.of("20240101_120000_a.sql", "x"), Migration.of("20231231_235959_z.sql", "x")), "dir"))
                .extracting(Migration::filename)
                .containsExactly("20231231_235959_z.sql", "20240101_120000_a.sql", "20240101_130000_b.sql");
    }

    @Test
    void noTransactionDirectiveFollowsTheExactRule() {
        assertThat(Migration.of("a.sql", "-- pgdbm:no-transaction\nSELECT 1;").noTransaction()).isTrue();
        assertThat(Migration.of("a.sql", "SELECT 1;\n-- pgdbm:no-transaction\tbecause").noTransaction()).isTrue();
        assertThat(Migration.of("a.sql", "-- pgdbm:no-transaction").noTransaction()).isTrue();
        assertThat(Migration.of("a.sql", " -- pgdbm:no-transaction\n").noTransaction()).isFalse();
        assertThat(Migration.of("a.sql", "-- pgdbm:no-transactional\n").noTransaction()).isFalse();
        assertThat(Migration.of("a.sql", "--  pgdbm:no-transaction\n").noTransaction()).isFalse();
        assertThat(Migration.of("a.sql", "-- PGDBM:no-transaction\n").noTransaction()).isFalse();
        assertThat(Migration.of("a.sql", "SELECT '-- pgdbm:no-transaction';").noTransaction()).isFalse();
    }
}
