package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.internal.Names;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.TestQueries;
import io.pgdbm.testserver.internal.LocalBinaries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour across JVMs: crash safety, templates built by two JVMs at once, and the other providers. */
class ForkedJvmTest {

    /** System properties that point a forked JVM at this JVM's server, whichever provider started it. */
    static List<String> sameServer() {
        PostgresServer server = Engine.server();
        return List.of("-Dpgdbm.test.provider=url", "-Dpgdbm.test.url=" + server.url(server.adminDatabase()));
    }

    static Process fork(List<String> systemProperties, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(systemProperties);
        cmd.add(ForkedRun.class.getName());
        cmd.addAll(List.of(args));
        // the fork's log goes to a file under target/, as Surefire does with this JVM's own output
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "forked-jvms")), "forked-", ".log");
        return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    }

    static String lineStartingWith(Process p, String prefix) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("the forked JVM ended without printing " + prefix + " (exit " + waitFor(p) + ")");
    }

    static int waitFor(Process p) {
        try {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("forked JVM finished").isTrue();
            return p.exitValue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRunAfterKillMinus9RemovesTheDeadRunsDatabases() throws Exception {
        Process p = fork(sameServer(), "hold", "classpath:db/notes");
        String db;
        try {
            db = lineStartingWith(p, "DATABASE");
            assertThat(Engine.databases(db)).containsExactly(db);
        } finally {
            p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        // the dead JVM's session, and so its run lock, goes away when the server notices the closed socket
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            RunContext.start(Engine.server(), TestSettings.defaults()).close();
            return Engine.databases(db).isEmpty();
        });
    }

    @Test
    void theSweepNeverDropsADatabaseThatOnlyLooksLikePgdbms() throws Exception {
        // pgdbm_ names that are not exactly a run's database (pgdbm_<8 chars>_<seq>[_suffix]) nor a template, and
        // names of exactly those shapes without pgdbm's marker comment (no live run holds a lock for "archives")
        List<String> lookAlikes = List.of("pgdbm_debugger_a901776157e8", "pgdbm_zzzzzzzz_x1", "pgdbm_zzzzzzz_1",
                "pgdbm_tpl_notahash", "pgdbm_archives_2", "pgdbm_archives_3_old", "pgdbm_tpl_0123456789abcdef");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(Engine.server().jdbcUrl(Engine.server().adminDatabase()),
                Engine.server().user(), Engine.server().password().orElse(null)); java.sql.Statement st = c.createStatement()) {
            for (String name : lookAlikes) {
                st.execute("DROP DATABASE IF EXISTS " + name);
                st.execute("CREATE DATABASE " + name);
            }
            try {
                RunContext.start(Engine.server(), TestSettings.defaults()).close();
                for (String name : lookAlikes) {
                    assertThat(Engine.databases(name)).as("sweep must leave " + name).containsExactly(name);
                }
            } finally {
                for (String name : lookAlikes) {
                    st.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }

    @Test
    void theSweepDropsADeadRunsDatabaseWhoseCommentWasNeverWritten() throws Exception {
        // what a JVM killed between CREATE DATABASE and COMMENT leaves: pgdbm's name shape and connection limit
        String killed = Names.database(Names.newRunId(), 1, null);
        String lookAlike = "pgdbm_archives_1";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(Engine.server().jdbcUrl(Engine.server().adminDatabase()),
                Engine.server().user(), Engine.server().password().orElse(null)); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + lookAlike);
            st.execute("CREATE DATABASE " + killed + " CONNECTION LIMIT " + Names.CONNECTION_LIMIT_MARK);
            st.execute("CREATE DATABASE " + lookAlike + " CONNECTION LIMIT 5");
            try {
                RunContext.start(Engine.server(), TestSettings.defaults()).close();
                assertThat(Engine.databases(killed)).isEmpty();
                assertThat(Engine.databases(lookAlike)).containsExactly(lookAlike);
            } finally {
                st.execute("DROP DATABASE IF EXISTS " + killed);
                st.execute("DROP DATABASE IF EXISTS " + lookAlike);
            }
        }
    }

    @Test
    void twoJvmsBuildingTheSameTemplateAtOnceProduceOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_items.sql"), "CREATE TABLE {{tables.items}} (id int, marker text DEFAULT '"
                + dir.getFileName() + "');");
        for (int i = 2; i <= 40; i++) {
            Files.writeString(dir.resolve(String.format("%03d_t%d.sql", i, i)), "CREATE TABLE {{tables.t" + i + "}} (id int);");
        }
        List<String> before = Engine.databases("pgdbm_tpl_");
        // both keep the template, so what they built can be counted after they end
        List<String> keep = new ArrayList<>(sameServer());
        keep.add("-Dpgdbm.test.templates.keep=true");
        Process a = fork(keep, "clone", dir.toString());
        Process b = fork(keep, "clone", dir.toString());
        assertThat(lineStartingWith(a, "CLONED")).startsWith("pgdbm_");
        assertThat(lineStartingWith(b, "CLONED")).startsWith("pgdbm_");
        assertThat(waitFor(a)).isZero();
        assertThat(waitFor(b)).isZero();

        List<String> created = Engine.databases("pgdbm_tpl_");
        created.removeAll(before);
        assertThat(created).hasSize(1);
        assertThat(TestQueries.queryOne(Engine.server(), "SELECT datistemplate FROM pg_database WHERE datname = '"
                + created.get(0) + "'")).isEqualTo("t");
        RunContext.start(Engine.server(), TestSettings.defaults()).close(); // a run that keeps nothing sweeps the kept template
        assertThat(Engine.databases(created.get(0))).isEmpty();
    }

    @Test
    void theExtensionRunsOnALocalCluster() throws Exception {
        LocalBinaries.assumeInstalled();
        Process p = fork(List.of("-Dpgdbm.test.provider=local"), "fixture", PgdbmExtensionTest.DatabaseIsolationCase.class.getName());
        assertThat(lineStartingWith(p, "SUCCEEDED")).isEqualTo("2 FAILED 0 ABORTED 0 PROVIDER local");
        assertThat(waitFor(p)).isZero();
    }

    @Test
    void theExtensionRunsOnEmbeddedPostgres() throws Exception {
        Process p = fork(List.of("-Dpgdbm.test.provider=embedded"), "fixture", PgdbmExtensionTest.TransactionIsolationCase.class.getName());
        assertThat(lineStartingWith(p, "SUCCEEDED")).isEqualTo("5 FAILED 0 ABORTED 0 PROVIDER embedded");
        assertThat(waitFor(p)).isZero();
    }

    @Test
    void withoutAServerTestsAreSkippedWhenADatabaseIsNotRequired() throws Exception {
        List<String> noServer = List.of("-Dpgdbm.test.provider=url", "-Dpgdbm.test.url=postgresql://postgres@127.0.0.1:1/postgres");
        List<String> optional = new ArrayList<>(noServer);
        optional.add("-Dpgdbm.test.required=false");
        Process skipped = fork(optional, "fixture", PgdbmExtensionTest.DatabaseIsolationCase.class.getName());
        assertThat(lineStartingWith(skipped, "SUCCEEDED")).matches("0 FAILED 0 ABORTED [1-9][0-9]* PROVIDER none");
        waitFor(skipped);
        Process failing = fork(noServer, "fixture", PgdbmExtensionTest.DatabaseIsolationCase.class.getName());
        assertThat(lineStartingWith(failing, "SUCCEEDED")).startsWith("0 FAILED ");
        assertThat(waitFor(failing)).isPositive();
    }
}
