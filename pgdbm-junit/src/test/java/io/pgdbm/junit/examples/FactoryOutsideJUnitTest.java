package io.pgdbm.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.TestDatabaseFactory;
import io.pgdbm.testserver.PostgresServers;
import org.junit.jupiter.api.Test;

// docs/testing.md, "Outside JUnit"
class FactoryOutsideJUnitTest {

    @Test
    void tryWithResources() {
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(), "classpath:db/notes")) {
            DatabaseManager db = factory.createDatabase("scratch");
            db.execute("INSERT INTO {{tables.notes}} (body) VALUES ('x')");
            assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.notes}}")).isEqualTo(1L);
        } // the database is dropped here
    }
}
