package io.pgdbm.spring.test.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** A small application on Spring's DataSource, migrated by Flyway from classpath:db/migration. */
@SpringBootApplication
public class NotesApplication {

    /** A thread the application starts with the context, outside any test method. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService startupExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "app-startup-worker"));
        executor.prestartAllCoreThreads();
        return executor;
    }

    @Bean
    NoteRepository notes(JdbcTemplate jdbc) {
        return new NoteRepository(jdbc);
    }

    /** Notes through Spring's JdbcTemplate. */
    public static final class NoteRepository {
        private final JdbcTemplate jdbc;

        NoteRepository(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        public void add(String body) {
            jdbc.update("INSERT INTO notes (body) VALUES (?)", body);
        }

        public long count() {
            return jdbc.queryForObject("SELECT count(*) FROM notes", Long.class);
        }

        public String database() {
            return jdbc.queryForObject("SELECT current_database()", String.class);
        }
    }
}
