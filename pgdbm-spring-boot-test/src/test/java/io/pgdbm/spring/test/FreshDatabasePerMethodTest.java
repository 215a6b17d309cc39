package io.pgdbm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdbm.junit.TestDatabase;
import io.pgdbm.spring.test.app.NotesApplication;
import io.pgdbm.spring.test.app.NotesApplication.NoteRepository;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** One cached context, a fresh migrated database for every test method. */
@SpringBootTest(classes = NotesApplication.class)
@AutoConfigurePgdbmDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshDatabasePerMethodTest {
    private static final AtomicReference<TestDatabase> FIRST = new AtomicReference<>();
    /** Started inside the first test method: its thread inherits that method's binding. */
    private static final AtomicReference<ExecutorService> STARTED_IN_FIRST = new AtomicReference<>();

    @Autowired
    ApplicationContext context;
    @Autowired
    NoteRepository notes;
    @Autowired
    DataSource dataSource;
    @Autowired
    CurrentTestDatabase database;
    @Autowired
    @Qualifier("startupExecutor")
    ExecutorService startupExecutor;

    @AfterAll
    static void stopExecutor() {
        ExecutorService executor = STARTED_IN_FIRST.get();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    @Order(1)
    void startsFromTheMigratedTemplateAndKeepsWhatTheTestWrites() throws Exception {
        Contexts.SEEN.add(context);
        assertThat(notes.count()).as("the row of V2__seed.sql, with the placeholder of application.properties").isEqualTo(1);
        assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject("SELECT body FROM notes",
                String.class)).isEqualTo("hello from flyway");
        notes.add("written by the first test");
        assertThat(notes.count()).isEqualTo(2);
        assertThat(notes.database()).isEqualTo(database.get().name()).startsWith("pgdbm_");
        FIRST.set(database.get());
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "started-in-first-test"));
        STARTED_IN_FIRST.set(executor);
        assertThat(executor.submit(notes::database).get()).isEqualTo(database.get().name());
    }

    @Test
    @Order(2)
    void theNextMethodGetsAnotherFreshDatabaseAndThePreviousOneIsDropped() throws Exception {
        Contexts.SEEN.add(context);
        TestDatabase first = FIRST.get();
        assertThat(first).isNotNull();
        assertThat(notes.count()).isEqualTo(1);
        assertThat(notes.database()).isEqualTo(database.get().name()).isNotEqualTo(first.name());
        assertThat(first.pool().isClosed()).as("the previous database's pool").isTrue();
        // dropped in the background once its pool is closed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Contexts.exists(dataSource, first.name())).as("the previous database exists").isFalse());

        // a thread started by the previous test no longer goes to its database; one the application started at
        // startup goes to the running test's
        assertThat(STARTED_IN_FIRST.get().submit(notes::database).get()).isEqualTo(database.get().name());
        assertThat(startupExecutor.submit(notes::database).get()).isEqualTo(database.get().name());
    }

    @Test
    @Order(3)
    void springBootsOwnFlywayAndDataSourceAreReplaced() {
        Contexts.SEEN.add(context);
        assertThat(context.getBeanNamesForType(Flyway.class)).as("Flyway beans").isEmpty();
        assertThat(context.getBeanNamesForType(DataSource.class)).containsExactly("dataSource");
        assertThat(dataSource.toString()).startsWith("pgdbm test DataSource");
        assertThat(context.getEnvironment().getProperty("spring.flyway.enabled")).isEqualTo("false");
    }

    @Test
    @Order(4)
    void sharesTheContextWithOtherClassesOfTheSameConfiguration() {
        Contexts.SEEN.add(context);
        assertThat(Contexts.SEEN).as("contexts given to the NotesApplication test classes").hasSize(1);
    }
}
