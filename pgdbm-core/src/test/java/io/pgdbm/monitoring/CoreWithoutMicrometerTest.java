package io.pgdbm.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.TestDatabase;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: core, monitoring included, must run on a class path without it. */
class CoreWithoutMicrometerTest {
    private static TestDatabase database;

    @BeforeAll
    static void create() {
        database = TestDatabase.create("nomicrometer");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void monitorsAndDebugsWithoutMicrometerOnTheClassPath() throws Exception {
        URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer"))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);

            @SuppressWarnings("unchecked")
            Callable<Long> scenario = (Callable<Long>) isolated.loadClass(Scenario.class.getName())
                    .getConstructor(String.class).newInstance(database.config().toUrl());
            assertThat(scenario.call()).isEqualTo(2L);
        }
    }

    /** Runs inside the isolated class loader. */
    public static final class Scenario implements Callable<Long> {
        private final String url;

        public Scenario(String url) {
            this.url = url;
        }

        @Override
        public Long call() throws ClassNotFoundException {
            // DriverManager only knows the application class path's driver; register this loader's copy
            Class.forName("org.postgresql.Driver");
            try (io.pgdbm.DatabaseManager db = new io.pgdbm.DatabaseManager(io.pgdbm.DatabaseConfig.fromUrl(url))) {
                db.connect();
                QueryMonitor monitor = QueryMonitor.attach(db);
                db.fetchValue("SELECT 1");
                db.fetchAll("SELECT 2");
                monitor.explain("SELECT 3");
                if (new DatabaseDebugger(db).health().verdict() == HealthVerdict.UNHEALTHY) {
                    throw new IllegalStateException("unhealthy");
                }
                return monitor.stats().executed() - countDebuggerQueries(monitor);
            }
        }

        private static long countDebuggerQueries(QueryMonitor monitor) {
            return monitor.history().stream().filter(r -> !r.sql().startsWith("SELECT ")
                    || r.sql().contains("pg_stat_activity") || r.sql().contains("server_version")).count();
        }
    }
}
