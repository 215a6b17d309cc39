package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

class DualModeTestTest {
    static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

    /** A tiny dual-mode module: owns a pool from a config, or borrows a manager. */
    static final class Notes implements AutoCloseable {
        final DatabaseManager db;

        Notes(DatabaseConfig config) {
            this.db = new DatabaseManager(config);
            db.connect();
        }

        Notes(DatabaseManager borrowed, String schema) {
            this.db = borrowed;
        }

        void migrate() {
            new MigrationManager(db, "classpath:db/notes", "notes").applyPending();
        }

        @Override
        public void close() {
            db.close();
        }
    }

    static class DualCase {
        @DualModeTest(schema = "notes")
        void sameBodyForBothModes(DualModeDatabase db) {
            Notes notes = db.create(Notes::new, Notes::new);
            notes.migrate();
            notes.db.execute("INSERT INTO {{tables.notes}} (body) VALUES ('x')");
            DatabaseManager whole = db.database().manager();
            assertThat(whole.fetchValue(Long.class, "SELECT count(*) FROM notes.notes")).isOne();
            assertThat(db.config().schema()).contains("notes");
            if (db.mode() == DualModeDatabase.Mode.LIBRARY) {
                assertThat(db.manager().schema()).contains("notes");
                assertThat(db.neighbourSchema()).contains(DualModeDatabase.NEIGHBOUR_SCHEMA);
                assertThat(whole.fetchValue(Long.class, "SELECT count(*) FROM neighbour.marker")).isOne();
            } else {
                assertThatThrownBy(db::manager).isInstanceOf(IllegalStateException.class).hasMessageContaining("config()");
                assertThat(db.neighbourSchema()).isEmpty();
            }
            SEEN.add(db.mode() + " " + db.database().name());
        }
    }

    @Test
    void runsOnceInEachModeWithADatabaseOfItsOwnAndDropsThem() throws Exception {
        SEEN.clear();
        EngineExecutionResults results = Engine.run(DualCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String> names = results.testEvents().succeeded().stream()
                .map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList();
        assertThat(names).containsExactly("[STANDALONE]", "[LIBRARY]");
        assertThat(SEEN).hasSize(2);
        List<String> databases = SEEN.stream().map(s -> s.split(" ")[1]).toList();
        assertThat(databases).doesNotHaveDuplicates();
        for (String db : databases) {
            assertThat(Engine.databases(db)).isEmpty();
        }
    }

    static class BadSchemaCase {
        @DualModeTest(schema = "neighbour")
        void clashes(DualModeDatabase db) {
        }
    }

    @Test
    void refusesTheNeighboursSchema() {
        Engine.run(BadSchemaCase.class, Map.of()).testEvents().assertStatistics(s -> s.failed(2));
    }
}
