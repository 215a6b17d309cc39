package io.pgdbm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.spring.test.app.NotesApplication;
import io.pgdbm.spring.test.app.NotesApplication.NoteRepository;
import org.springframework.test.context.jdbc.Sql;
import org.springframework.test.context.transaction.AfterTransaction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.annotation.Transactional;

/** Another class with FreshDatabasePerMethodTest's configuration: the same context; and Spring's test rollback. */
@SpringBootTest(classes = NotesApplication.class)
@AutoConfigurePgdbmDatabase
class SameConfigurationTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    NoteRepository notes;
    @Autowired
    CurrentTestDatabase database;

    @Test
    void getsTheCachedContext() {
        Contexts.SEEN.add(context);
        assertThat(Contexts.SEEN).as("contexts given to the NotesApplication test classes").hasSize(1);
    }

    @Test
    @Sql(statements = "INSERT INTO notes (body) VALUES ('from @Sql')")
    void sqlScriptsRunInTheTestMethodsDatabase() {
        assertThat(notes.count()).isEqualTo(2);
    }

    @Test
    @Transactional
    void aTransactionalTestIsRolledBackInItsOwnDatabase() {
        assertThat(TestTransaction.isActive()).isTrue();
        notes.add("rolled back");
        assertThat(notes.count()).isEqualTo(2);
    }

    @AfterTransaction
    void theRollbackLeftTheSeedRowOnly() {
        // after the rollback and before the database is dropped
        assertThat(notes.count()).isEqualTo(1);
        assertThat(notes.database()).isEqualTo(database.get().name());
    }
}
