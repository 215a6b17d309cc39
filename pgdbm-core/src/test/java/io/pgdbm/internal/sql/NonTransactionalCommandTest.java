package io.pgdbm.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonTransactionalCommandTest {

    private static String command(String statement) {
        return SqlLexer.nonTransactionalCommand(statement).orElse(null);
    }

    @Test
    void concurrentIndexStatementsAreRecognised() {
        assertThat(command("CREATE INDEX CONCURRENTLY i ON t (a)")).isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(command("create unique index concurrently i on t (a)")).isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(command("DROP INDEX CONCURRENTLY IF EXISTS i")).isEqualTo("DROP INDEX CONCURRENTLY");
    }

    @Test
    void everyReindexFormWithConcurrentlyIsRecognised() {
        assertThat(command("REINDEX INDEX CONCURRENTLY i")).isEqualTo("REINDEX CONCURRENTLY");
        assertThat(command("REINDEX (VERBOSE) TABLE CONCURRENTLY t")).isEqualTo("REINDEX CONCURRENTLY");
        assertThat(command("REINDEX (CONCURRENTLY) SCHEMA s")).isEqualTo("REINDEX CONCURRENTLY");
        assertThat(command("REINDEX DATABASE db")).isEqualTo("REINDEX DATABASE");
        assertThat(command("REINDEX (VERBOSE) SYSTEM db")).isEqualTo("REINDEX SYSTEM");
        assertThat(command("REINDEX TABLE t")).isNull();
    }

    @Test
    void databaseTablespaceSystemAndVacuumCommandsAreRecognised() {
        assertThat(command("VACUUM (ANALYZE) t")).isEqualTo("VACUUM");
        assertThat(command("CREATE DATABASE d")).isEqualTo("CREATE DATABASE");
        assertThat(command("DROP DATABASE IF EXISTS d")).isEqualTo("DROP DATABASE");
        assertThat(command("ALTER SYSTEM SET work_mem = '64MB'")).isEqualTo("ALTER SYSTEM");
        assertThat(command("CREATE TABLESPACE s LOCATION '/x'")).isEqualTo("CREATE TABLESPACE");
        assertThat(command("DROP TABLESPACE s")).isEqualTo("DROP TABLESPACE");
    }

    @Test
    void leadingCommentsAndCaseAreIgnored() {
        assertThat(command("-- speed up lookups\n/* see ticket; 12 */\n  Create Index Concurrently i ON t (a);"))
                .isEqualTo("CREATE INDEX CONCURRENTLY");
    }

    @Test
    void ordinaryStatementsAreTransactional() {
        assertThat(command("CREATE INDEX i ON t (a)")).isNull();
        assertThat(command("CREATE TABLE concurrently (a int)")).isNull();
        assertThat(command("ALTER TABLE t ADD COLUMN vacuum int")).isNull();
        assertThat(command("SELECT 'VACUUM'")).isNull();
        assertThat(command("")).isNull();
        assertThat(command("-- VACUUM")).isNull();
    }

    @Test
    void wordsInsideLiteralsDoNotCount() {
        assertThat(command("REINDEX TABLE t /* CONCURRENTLY */")).isNull();
        assertThat(command("CREATE INDEX \"CONCURRENTLY\" ON t (a)")).isNull();
        assertThat(command("DO $$ BEGIN VACUUM; END $$")).isNull();
    }
}
