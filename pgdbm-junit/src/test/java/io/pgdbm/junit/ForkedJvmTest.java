package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.TestSettings;
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

    static Process fork(List<String> systemProperties, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(systemProperties);
        cmd.add(ForkedRun.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
        Process p = fork(List.of(), "hold", "classpath:db/notes");
        String db = lineStartingWith(p, "DATABASE");
        assertThat(Engine.databases(db)).containsExactly(db);

        p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        // the dead JVM's session, and so its run lock, goes away when the server notices the closed socket
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            RunContext.start(Engine.server(), TestSettings.defaults()).close();
            return Engine.databases(db).isEmpty();
        });
    }

    @Test
    void twoJvmsBuildingTheSameTemplateAtOnceProduceOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_items.sql"), "CREATE TABLE {{tables.items}} (id int, marker text DEFAULT '"
                + dir.getFileName() + "');");
        for (int i = 2; i <= 40; i++) {
            Files.writeString(dir.resolve(String.format("%03d_t%d.sql", i, i)), "CREATE TABLE {{tables.t" + i + "}} (id int);");
        }
        List<String> before = Engine.databases("pgdbm_tpl_");
        Process a = fork(List.of(), "clone", dir.toString());
        Process b = fork(List.of(), "clone", dir.toString());
        assertThat(lineStartingWith(a, "CLONED")).startsWith("pgdbm_");
        assertThat(lineStartingWith(b, "CLONED")).startsWith("pgdbm_");
        assertThat(waitFor(a)).isZero();
        assertThat(waitFor(b)).isZero();

        List<String> created = Engine.databases("pgdbm_tpl_");
        created.removeAll(before);
        assertThat(created).hasSize(1);
        assertThat(TestQueries.queryOne(Engine.server(), "SELECT datistemplate FROM pg_database WHERE datname = '"
                + created.get(0) + "'")).isEqualTo("t");
    }

    @Test
    void theExtensionRunsOnALocalCluster() throws Exception {
        Process p = fork(List.of("-Dpgdbm.test.provider=local"), "fixture", PgdbmExtensionTest.DatabaseIsolationCase.class.getName());
        assertThat(lineStartingWith(p, "SUCCEEDED")).isEqualTo("2 FAILED 0 PROVIDER local");
        assertThat(waitFor(p)).isZero();
    }

    @Test
    void theExtensionRunsOnEmbeddedPostgres() throws Exception {
        Process p = fork(List.of("-Dpgdbm.test.provider=embedded"), "fixture", PgdbmExtensionTest.TransactionIsolationCase.class.getName());
        assertThat(lineStartingWith(p, "SUCCEEDED")).isEqualTo("3 FAILED 0 PROVIDER embedded");
        assertThat(waitFor(p)).isZero();
    }
}
