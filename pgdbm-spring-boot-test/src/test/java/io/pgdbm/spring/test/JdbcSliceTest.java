package io.pgdbm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.spring.test.app.NotesApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.transaction.TestTransaction;

/** {@code @JdbcTest} would swap in H2 (on this class path); the annotation gives it PostgreSQL instead. */
@JdbcTest
@ContextConfiguration(classes = NotesApplication.class)
@AutoConfigurePgdbmDatabase
class JdbcSliceTest {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void getsTheMigratedPostgresDatabaseNotAnEmbeddedOne() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("pgdbm_");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notes", Long.class)).isEqualTo(1);
        assertThat(TestTransaction.isActive()).as("the slice's own transaction").isTrue();
    }
}
